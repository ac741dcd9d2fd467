package org.socketioee.testing;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.WebResourceRoot;
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
 * pages) and {@code target/classes} as WEB-INF/classes, with annotation scanning, like a deployed WAR.
 */
public final class WebappTomcat extends TestTomcat {
    private final Context context;

    private WebappTomcat(Tomcat tomcat, Context context, Path baseDir) {
        super(tomcat, baseDir);
        this.context = context;
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
        try {
            Path base = Files.createTempDirectory("tomcat-webapp");
            Tomcat tomcat = create(base, port);
            tomcat.enableNaming();
            Path root = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
            Context ctx = tomcat.addWebapp("", root.resolve("webapp").toAbsolutePath().toString());
            ctx.getNamingResources().addResource(dataSource(jdbcUrl != null ? jdbcUrl : h2Url(base)));
            params.forEach((name, value) -> {
                // like <Parameter override="false"> in a context.xml: wins over web.xml's context-param
                ApplicationParameter p = new ApplicationParameter();
                p.setName(name);
                p.setValue(value);
                p.setOverride(false);
                ctx.addApplicationParameter(p);
            });
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
            // scan the webapp only, like a deployed WAR: not the test classpath (Tyrus server jars there carry
            // their own ServerApplicationConfig)
            ((org.apache.tomcat.util.scan.StandardJarScanner) ctx.getJarScanner()).setScanClassPath(false);
            tomcat.start();
            return new WebappTomcat(tomcat, ctx, base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The default H2 URL exactly as tomcat-conf/context.xml declares it (its options included), for a Tomcat whose
     * base is {@code catalinaBase} and the default {@code chat.h2.dir}.
     */
    public static String h2Url(Path catalinaBase) {
        Path root = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        try {
            Matcher m = Pattern.compile("url=\"(jdbc:h2:[^\"]+)\"")
                    .matcher(Files.readString(root.resolve("tomcat-conf/context.xml")));
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

    public Context context() {
        return context;
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
