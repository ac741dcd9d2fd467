package org.socketioee.testing;

import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.WebResourceRoot;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.DirResourceSet;
import org.apache.catalina.webresources.FileResourceSet;
import org.apache.catalina.webresources.StandardRoot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tomcat.util.descriptor.web.ApplicationParameter;
import org.apache.tomcat.util.descriptor.web.ContextResource;

/**
 * An in-JVM Tomcat running the WAR as built from the source tree: {@code webapp/} as document root (web.xml,
 * pages) and {@code target/classes} as WEB-INF/classes, with annotation scanning, like a deployed WAR. Or
 * ({@link #startPackaged}) the WAR exactly as {@code mvn package} built it, its libraries in its own WEB-INF/lib.
 */
public final class WebappTomcat extends TestTomcat {
    private final Path packaged;
    private final String jdbcUrl;
    private final Map<String, String> params;
    private Context context;

    private WebappTomcat(Tomcat tomcat, Path baseDir, Path packaged, String jdbcUrl, Map<String, String> params) {
        super(tomcat, baseDir);
        this.packaged = packaged;
        this.jdbcUrl = jdbcUrl;
        this.params = Map.copyOf(params);
    }

    public static WebappTomcat start() {
        return start(0, null, Map.of());
    }

    /**
     * The WAR on {@code port} (0: any free one), with the chat's {@code jdbc/chat} DataSource (JNDI, as declared
     * in tomcat-conf/context.xml) on {@code jdbcUrl} (null: an H2 file database in this Tomcat's temporary base),
     * and context-params overridden by {@code params}.
     */
    public static WebappTomcat start(int port, String jdbcUrl, Map<String, String> params) {
        return start(null, port, jdbcUrl, params);
    }

    /**
     * The packaged WAR ({@code target/socketio-ee/}, the directory the WAR file is made of: run after
     * {@code package}, e.g. from an integration test) on a free port, with the chat's H2 database in this Tomcat's
     * base. As in a real Tomcat, the JDBC drivers come from outside the WAR (here the tests' class path).
     */
    public static WebappTomcat startPackaged() {
        Path war = root().resolve("target/socketio-ee");
        if (!Files.isDirectory(war.resolve("WEB-INF/lib"))) {
            throw new IllegalStateException("no packaged WAR at " + war + ": run mvn package (or verify) first");
        }
        return start(war, 0, null, Map.of());
    }

    private static WebappTomcat start(Path packaged, int port, String jdbcUrl, Map<String, String> params) {
        java.util.Optional<String> forced = forcedWebSocket();
        if (forced.isPresent() && !params.containsKey("socketio.websocket")) {
            params = new java.util.HashMap<>(params); // a whole run on one WebSocket transport
            params.put("socketio.websocket", forced.get());
        }
        try {
            Path base = Files.createTempDirectory("tomcat-webapp");
            Tomcat tomcat = create(base, port);
            tomcat.enableNaming();
            WebappTomcat war = new WebappTomcat(tomcat, base, packaged, jdbcUrl != null ? jdbcUrl : h2Url(base),
                    params);
            war.deploy();
            tomcat.start();
            return war;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deploys the WAR at {@code /}: a new context with a class loader of its own, started at once when Tomcat runs
     * (a redeployment after {@link #undeploy()}).
     */
    public void deploy() {
        // configured when it initialises: a running host starts a context as soon as it is added
        ContextConfig config = new ContextConfig() {
            @Override
            public void lifecycleEvent(LifecycleEvent event) {
                if (Lifecycle.BEFORE_INIT_EVENT.equals(event.getType())) {
                    configure((Context) event.getLifecycle());
                }
                super.lifecycleEvent(event);
            }
        };
        Path docBase = packaged != null ? packaged : root().resolve("webapp");
        context = tomcat.addWebapp(tomcat.getHost(), "", docBase.toAbsolutePath().toString(), config);
    }

    private static Path root() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    /** Stops the WAR and removes it from the host, as the manager's undeploy does (the files stay). */
    public void undeploy() {
        tomcat.getHost().removeChild(context);
        context = null;
    }

    private void configure(Context ctx) {
        ctx.getNamingResources().addResource(dataSource(jdbcUrl));
        params.forEach((name, value) -> {
            // like <Parameter override="false"> in a context.xml: wins over web.xml's context-param
            ApplicationParameter p = new ApplicationParameter();
            p.setName(name);
            p.setValue(value);
            p.setOverride(false);
            ctx.addApplicationParameter(p);
        });
        // scan the webapp only, like a deployed WAR: not the test classpath (Tyrus server jars there carry
        // their own ServerApplicationConfig)
        ((org.apache.tomcat.util.scan.StandardJarScanner) ctx.getJarScanner()).setScanClassPath(false);
        if (packaged != null) {
            return; // WEB-INF/classes and lib are there
        }
        Path root = root();
        WebResourceRoot resources = new StandardRoot(ctx);
        resources.addPreResources(new DirResourceSet(resources, "/WEB-INF/classes",
                root.resolve("target/classes").toAbsolutePath().toString(), "/"));
        // test handler classes (e.g. an annotated @SocketNamespace class) are part of this test WAR too
        resources.addPostResources(new DirResourceSet(resources, "/WEB-INF/classes",
                root.resolve("target/test-classes").toAbsolutePath().toString(), "/"));
        // the WAR's WEB-INF/lib as far as the container must see it: JSTL (its tag library descriptors)
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("jakarta.servlet.jsp.jstl") && name.endsWith(".jar")) {
                resources.addPostResources(new FileResourceSet(resources, "/WEB-INF/lib/" + name, entry, "/"));
            }
        }
        ctx.setResources(resources);
    }

    /**
     * The default H2 URL exactly as tomcat-conf/context.xml declares it (its options included), for a Tomcat whose
     * base is {@code catalinaBase} and the default {@code chat.h2.dir}.
     */
    public static String h2Url(Path catalinaBase) {
        try {
            Matcher m = Pattern.compile("url=\"(jdbc:h2:[^\"]+)\"")
                    .matcher(Files.readString(root().resolve("tomcat-conf/context.xml")));
            if (!m.find()) {
                throw new IllegalStateException("no H2 url in tomcat-conf/context.xml");
            }
            return m.group(1).replace("${catalina.base}", catalinaBase.toAbsolutePath().toString())
                    .replace("${chat.h2.dir:-data}", "data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ContextResource dataSource(String url) {
        ContextResource ds = new ContextResource();
        ds.setName("jdbc/chat");
        ds.setAuth("Container");
        ds.setType("javax.sql.DataSource");
        ds.setCloseMethod("close");
        ds.setProperty("factory", "org.apache.tomcat.jdbc.pool.DataSourceFactory");
        ds.setProperty("driverClassName", url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : "org.h2.Driver");
        ds.setProperty("url", url);
        ds.setProperty("username", url.startsWith("jdbc:postgresql:") ? PgDatabase.user() : "chat");
        ds.setProperty("password", url.startsWith("jdbc:postgresql:") ? PgDatabase.password() : "chat");
        ds.setProperty("initialSize", "1");
        ds.setProperty("maxActive", "10");
        ds.setProperty("testOnBorrow", "true");
        ds.setProperty("validationQuery", "SELECT 1");
        return ds;
    }

    /** The deployed context (null after {@link #undeploy()}). */
    public Context context() {
        return context;
    }

    public org.apache.catalina.Host host() {
        return tomcat.getHost();
    }

    /**
     * Closes every Engine.IO session of the WAR's server, as a network drop would look to the clients (no Socket.IO
     * DISCONNECT). Reflection: the WAR's classes live in the webapp class loader, not the test's.
     */
    public int dropAllConnections() throws ReflectiveOperationException {
        Object engine = context.getServletContext().getAttribute("org.socketioee.engine.EngineServer");
        java.util.Collection<?> sessions = (java.util.Collection<?>) engine.getClass().getMethod("sessions").invoke(engine);
        java.util.List<?> all = java.util.List.copyOf(sessions);
        for (Object s : all) {
            s.getClass().getMethod("close").invoke(s);
        }
        return all.size();
    }
}
