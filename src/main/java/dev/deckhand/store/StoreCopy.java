package dev.deckhand.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies everything Deckhand keeps from one store to another ({@code deckhand migrate-store}), e.g. a
 * team's SQLite file into the PostgreSQL its replicas will share. Both are brought to the newest
 * schema first and must then have the same migrations applied; the target must hold no data. Tables
 * and columns are read from the source, so a table or column a later migration adds is copied without
 * changing this class. Leases and deliveries are not copied: they belong to running processes.
 */
public final class StoreCopy {

    /** Tables whose rows others refer to come first; the rest follow by name. */
    private static final List<String> PARENTS_FIRST = List.of("approval_requests");
    /** Kept by the migrations themselves, or only meaningful to the processes running now. */
    private static final Set<String> NOT_COPIED = Set.of("schema_version", "leases", "deliveries", "sqlite_sequence");
    private static final int BATCH = 500;

    private StoreCopy() {
    }

    /** @return rows copied per table, in copy order */
    public static Map<String, Integer> copy(Database from, Database to) {
        Set<Integer> versionsFrom = versions(from);
        Set<Integer> versionsTo = versions(to);
        if (!versionsFrom.equals(versionsTo)) {
            throw new StoreException("The stores have different migrations applied (from " + versionsFrom + ", to "
                    + versionsTo + "); run the same Deckhand version against both first.", null);
        }
        List<String> tables = from.read(StoreCopy::tables);
        return to.transaction(target -> {
            for (String table : tables) {
                if (count(target, table) > 0) {
                    throw new StoreException("The target store already has rows in " + table
                            + "; migrate-store copies only into an empty store.", null);
                }
            }
            Map<String, Integer> copied = new LinkedHashMap<>();
            for (String table : tables) {
                copied.put(table, from.read(source -> copyTable(source, target, table)));
            }
            if (to.dialect() == Dialect.POSTGRESQL) {
                // Ids were copied as they were; the sequence behind audit.id must continue after them.
                try (Statement s = target.createStatement()) {
                    s.execute("SELECT setval(pg_get_serial_sequence('audit', 'id'), "
                            + "COALESCE((SELECT MAX(id) FROM audit), 0) + 1, false)");
                }
            }
            return copied;
        });
    }

    private static int copyTable(Connection source, Connection target, String table) throws SQLException {
        int rows = 0;
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase());
            }
            String sql = "INSERT INTO " + table + "(" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            try (PreparedStatement insert = target.prepareStatement(sql)) {
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        insert.setObject(i, rs.getObject(i));
                    }
                    insert.addBatch();
                    if (++rows % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        }
        return rows;
    }

    private static List<String> tables(Connection c) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema == null || schema.equals(c.getSchema())) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase());
                }
            }
        }
        names.removeAll(NOT_COPIED);
        List<String> ordered = new ArrayList<>(names);
        ordered.sort(Comparator.comparing((String t) -> !PARENTS_FIRST.contains(t)).thenComparing(t -> t));
        return ordered;
    }

    private static int count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Set<Integer> versions(Database db) {
        return db.read(c -> {
            Set<Integer> versions = new TreeSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
            }
            return versions;
        });
    }
}
