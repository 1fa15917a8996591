package dev.deckhand.app.config;

/** Opens package-private helpers of the config package to tests elsewhere. */
public final class ConfigLoaderAccess {

    private ConfigLoaderAccess() {
    }

    public static String envName(String camel) {
        return ConfigLoader.toEnvName(camel);
    }
}
