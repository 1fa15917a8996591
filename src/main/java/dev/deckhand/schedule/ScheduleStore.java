package dev.deckhand.schedule;

import dev.deckhand.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** The {@code schedules} table (migration 50): one row per scheduled instance. */
public final class ScheduleStore {

    private static final String COLUMNS = "instance_id, region, label, target, days, from_time, to_time, zone, "
            + "channel_id, created_by, created_at, override_until, started_by_deckhand_at";

    private final Database db;

    public ScheduleStore(Database db) {
        this.db = db;
    }

    /** Sets the instance's schedule, replacing one it had. */
    public void put(Schedule s) {
        db.transaction(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM schedules WHERE instance_id = ?")) {
                d.setString(1, s.instanceId());
                d.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schedules(" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, s.instanceId());
                p.setString(2, s.region());
                p.setString(3, s.label());
                p.setString(4, s.target());
                p.setString(5, s.window().daysCode());
                p.setString(6, s.window().from().toString());
                p.setString(7, s.window().to().toString());
                p.setString(8, s.window().zone().getId());
                p.setString(9, s.channel());
                p.setString(10, s.createdBy());
                p.setLong(11, s.createdAt().toEpochMilli());
                setInstant(p, 12, s.overrideUntil());
                setInstant(p, 13, s.startedByDeckhandAt());
                return p.executeUpdate();
            }
        });
    }

    public Optional<Schedule> get(String instanceId) {
        List<Schedule> found = query("WHERE instance_id = ?", instanceId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every schedule, by region and label. */
    public List<Schedule> all() {
        return query("ORDER BY region, label");
    }

    /** @return whether there was one */
    public boolean remove(String instanceId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM schedules WHERE instance_id = ?")) {
                p.setString(1, instanceId);
                return p.executeUpdate() > 0;
            }
        });
    }

    public void overrideUntil(String instanceId, Instant until) {
        update("override_until", instanceId, until);
    }

    public void startedByDeckhand(String instanceId, Instant at) {
        update("started_by_deckhand_at", instanceId, at);
    }

    private void update(String column, String instanceId, Instant value) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE schedules SET " + column + " = ? WHERE instance_id = ?")) {
                p.setLong(1, value.toEpochMilli());
                p.setString(2, instanceId);
                return p.executeUpdate();
            }
        });
    }

    private List<Schedule> query(String where, String... params) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM schedules " + where)) {
                for (int i = 0; i < params.length; i++) {
                    p.setString(i + 1, params[i]);
                }
                List<Schedule> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Schedule row(ResultSet rs) throws SQLException {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : rs.getString(5).split(",")) {
            days.add(Window.parseDays(d).iterator().next());
        }
        Window window = new Window(days, LocalTime.parse(rs.getString(6)), LocalTime.parse(rs.getString(7)),
                ZoneId.of(rs.getString(8)));
        return new Schedule(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), window, rs.getString(9),
                rs.getString(10), Instant.ofEpochMilli(rs.getLong(11)), instant(rs, 12), instant(rs, 13));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    private static void setInstant(PreparedStatement p, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            p.setLong(index, value.get().toEpochMilli());
        } else {
            p.setNull(index, Types.BIGINT);
        }
    }
}
