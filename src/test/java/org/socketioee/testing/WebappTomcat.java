package org.socketioee.testing;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.WebResourceRoot;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.DirResourceSet;
import org.apache.catalina.webresources.StandardRoot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An in-JVM Tomcat running the WAR as built from the source tree: {@code webapp/} as document root (web.xml,
 * pages) and {@code target/classes} as WEB-INF/classes, with annotation scanning, like a deployed WAR.
 */
public final class WebappTomcat implements AutoCloseable {
    private final Tomcat tomcat;
    private final Context context;
    private final Path baseDir;

    private WebappTomcat(Tomcat tomcat, Context context, Path baseDir) {
        this.tomcat = tomcat;
        this.context = context;
        this.baseDir = baseDir;
    }

    public static WebappTomcat start() {
        try {
            Path base = Files.createTempDirectory("tomcat-webapp");
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            tomcat.setPort(0);
            tomcat.getConnector();
            Path root = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
            Context ctx = tomcat.addWebapp("", root.resolve("webapp").toAbsolutePath().toString());
            WebResourceRoot resources = new StandardRoot(ctx);
            resources.addPreResources(new DirResourceSet(resources, "/WEB-INF/classes",
                    root.resolve("target/classes").toAbsolutePath().toString(), "/"));
            // test handler classes (e.g. an annotated @SocketNamespace class) are part of this test WAR too
            resources.addPostResources(new DirResourceSet(resources, "/WEB-INF/classes",
                    root.resolve("target/test-classes").toAbsolutePath().toString(), "/"));
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

    public Context context() {
        return context;
    }

    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        } finally {
            try (var walk = Files.walk(baseDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp dir
            }
        }
    }
}
