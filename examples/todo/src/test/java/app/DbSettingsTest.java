package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * examples/todo/server.conf read as the launcher reads it: the environment behind its ${?VAR}
 * lines, each value's origin naming its variable as in the image.
 */
class DbSettingsTest {

    private static Config config(Map<String, String> env) {
        Map<String, ConfigValue> values = new HashMap<>();
        env.forEach((name, value) -> values.put(name, ConfigValueFactory.fromAnyRef(value, "env var " + name)));
        return ConfigFactory.parseFile(new File("server.conf"))
                .withFallback(ConfigValueFactory.fromMap(values, "environment"))
                .resolve(ConfigResolveOptions.noSystem());
    }

    private static DbSettings settings(int cores, String... env) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < env.length; i += 2) {
            map.put(env[i], env[i + 1]);
        }
        return DbSettings.from(config(map), cores);
    }

    @ParameterizedTest(name = "{0} CPUs -> {1} connections")
    @CsvSource({"1, 3", "2, 5", "8, 17"})
    void defaultPoolIsTwiceTheCpusPlusOne(int cores, int expected) {
        assertEquals(expected, settings(cores).poolSize());
    }

    @Test
    void poolSizeSetsIt() {
        assertEquals(3, settings(4, "DB_POOL_SIZE", "3").poolSize());
    }

    @Test
    void urlUserAndPasswordComeFromTheEnvironment() {
        DbSettings settings = settings(1, "DB_URL", "jdbc:postgresql://pg:6543/x", "DB_USER", "u", "DB_PASSWORD", "p");
        assertEquals("jdbc:postgresql://pg:6543/x", settings.url());
        assertEquals("u", settings.user());
        assertEquals("p", settings.password());
    }

    @ParameterizedTest
    @CsvSource({"5, PT5S", "2.5, PT2.5S", "500ms, PT0.5S"})
    void connectionTimeoutIsSecondsOrAHoconDuration(String value, Duration expected) {
        assertEquals(expected, settings(1, "DB_CONNECTION_TIMEOUT", value).connectionTimeout());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            DB_POOL_SIZE          | abc   | env var DB_POOL_SIZE: app.db.pool-size: "abc" is not a whole number
            DB_POOL_SIZE          | 2.5   | env var DB_POOL_SIZE: app.db.pool-size: "2.5" is not a whole number
            DB_POOL_SIZE          | 0     | env var DB_POOL_SIZE: app.db.pool-size: "0" must be at least 1
            DB_CONNECTION_TIMEOUT | soon  | env var DB_CONNECTION_TIMEOUT: app.db.connection-timeout: "soon" is not a duration (seconds, or e.g. 500ms)
            DB_CONNECTION_TIMEOUT | 100ms | env var DB_CONNECTION_TIMEOUT: app.db.connection-timeout: "100ms" must be at least 250ms (HikariCP's minimum)
            """)
    void badValueNamesItsVariable(String variable, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(1, variable, value));
        assertEquals(message, e.getMessage());
    }
}
