// repograph's Neo4j launcher: starts a Neo4j Community server (Bolt, HTTP and Neo4j Browser) from the
// jars in a classpath directory, with every setting taken from environment variables.
// Run as a single-file source program:  java <jvm flags> -cp 'lib/*' Neo4jLauncher.java <home-dir>
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.server.CommunityBootstrapper;

public class Neo4jLauncher {
  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args.length > 0 ? args[0] : ".data/neo4j").toAbsolutePath();
    for (String dir : List.of("data", "logs", "plugins", "import", "run")) {
      Files.createDirectories(home.resolve(dir));
    }
    String password = env("NEO4J_PASSWORD", "");
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("server.default_listen_address", env("NEO4J_LISTEN_ADDRESS", "127.0.0.1"));
    settings.put("server.default_advertised_address", env("NEO4J_LISTEN_ADDRESS", "127.0.0.1"));
    settings.put("server.bolt.enabled", "true");
    settings.put("server.bolt.listen_address", ":" + env("NEO4J_BOLT_PORT", "7687"));
    settings.put("server.bolt.advertised_address", ":" + env("NEO4J_BOLT_PORT", "7687"));
    settings.put("server.http.enabled", "true");
    settings.put("server.http.listen_address", ":" + env("NEO4J_HTTP_PORT", "7474"));
    settings.put("server.http.advertised_address", ":" + env("NEO4J_HTTP_PORT", "7474"));
    settings.put("server.https.enabled", "false");
    settings.put("dbms.security.auth_enabled", password.isEmpty() ? "false" : "true");
    settings.put("server.directories.data", home.resolve("data").toString());
    settings.put("server.directories.logs", home.resolve("logs").toString());
    settings.put("server.directories.plugins", home.resolve("plugins").toString());
    settings.put("server.directories.import", home.resolve("import").toString());
    settings.put("server.directories.run", home.resolve("run").toString());
    settings.put("server.memory.pagecache.size", env("NEO4J_PAGECACHE", "1g"));
    settings.put("dbms.memory.transaction.total.max", env("NEO4J_TX_MEMORY", "2g"));
    settings.put("dbms.usage_report.enabled", "false");
    settings.put("db.tx_log.rotation.retention_policy", "2 files");

    CommunityBootstrapper bootstrapper = new CommunityBootstrapper();
    int status = bootstrapper.start(home, null, settings, false, true);
    if (status != 0) {
      System.exit(status);
    }
    if (!password.isEmpty()) {
      System.out.println("Neo4j auth is on (user neo4j); set the initial password with scripts/stack.");
    }
  }
}
