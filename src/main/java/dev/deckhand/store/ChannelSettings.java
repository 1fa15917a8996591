package dev.deckhand.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Per-channel settings chosen in chat; today the default region set by {@code region <name>}. */
public final class ChannelSettings {

    private final Database db;

    public ChannelSettings(Database db) {
        this.db = db;
    }

    public Optional<String> region(String channelId) {
        return db.query(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT region FROM channel_settings WHERE channel_id = ?")) {
                p.setString(1, channelId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The channel's account, chosen with {@code account <name>}; empty when none was chosen. */
    public Optional<String> account(String channelId) {
        return db.query(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT account FROM channel_settings WHERE channel_id = ?")) {
                p.setString(1, channelId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public void setAccount(String channelId, String account) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO channel_settings(channel_id, account) VALUES (?, ?) "
                    + "ON CONFLICT(channel_id) DO UPDATE SET account = excluded.account")) {
                p.setString(1, channelId);
                p.setString(2, account);
                return p.executeUpdate();
            }
        });
    }

    public void setRegion(String channelId, String region) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO channel_settings(channel_id, region) VALUES (?, ?) "
                    + "ON CONFLICT(channel_id) DO UPDATE SET region = excluded.region")) {
                p.setString(1, channelId);
                p.setString(2, region);
                return p.executeUpdate();
            }
        });
    }
}
