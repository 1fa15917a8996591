package dev.deckhand.app.config;

import java.util.List;

/**
 * The {@code approvals} section: which actions need a second person, who may approve, how many
 * approvals, how long a request lives and where cards go.
 *
 * @param actions           commands that always need approval, e.g. {@code ec2 terminate}
 * @param approverRole      role (or higher) that may approve
 * @param required          approvals needed
 * @param ttlMinutes        minutes before a pending request expires
 * @param channel           channel for approval cards; empty: the asker's channel
 * @param monthlyCostLimit  launches estimated above this (USD/month) need approval
 * @param worldOpenPorts    ports that need approval when opened to 0.0.0.0/0 or ::/0
 */
public record ApprovalsConfig(List<String> actions, String approverRole, int required, int ttlMinutes, String channel,
                              double monthlyCostLimit, List<Integer> worldOpenPorts) { }
