package org.socketioee.examples;

import org.junit.jupiter.api.Test;
import org.socketioee.client.ClientOptions;
import org.socketioee.client.IO;
import org.socketioee.client.Socket;
import org.socketioee.testing.Node;
import org.socketioee.testing.Readme;
import org.socketioee.testing.WebappTomcat;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's examples as a reader takes them: the Java client program copied out of README.md, compiled and run
 * in a JVM of its own against the chat application; its pom.xml's versions are this project's; the "get started"
 * server classes shown are the files the other tests run ({@link GetStartedTest}).
 */
class ReadmeExamplesTest {
    private static final Path ROOT = Readme.projectDir();

    @Test
    void theJavaClientProgramRunsAsWrittenAgainstTheChat() throws Exception {
        Path dir = Files.createTempDirectory("readme-java");
        try (WebappTomcat war = WebappTomcat.start()) {
            Files.writeString(dir.resolve("HelloChat.java"), Readme.block("ReadmeExamplesTest compiles this program", "java"));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int compiled = javac.run(null, errors, errors, "--release", "17", "-d", dir.toString(),
                    "-cp", System.getProperty("java.class.path"), dir.resolve("HelloChat.java").toString());
            assertThat(compiled).as("javac: %s", errors.toString(StandardCharsets.UTF_8)).isZero();

            // someone in the room answers javabot's hello while the program listens
            String url = war.baseUrl() + "/chat";
            Socket bob = IO.socket(url, ClientOptions.defaults().withForceNew(true));
            bob.on("message", e -> {
                if (e.args().get(0) instanceof Map<?, ?> m && "javabot".equals(m.get("nick"))) {
                    bob.emit("message", Map.of("text", "hi javabot"));
                }
            });
            bob.timeout(Duration.ofSeconds(10)).emitWithAck("join", Map.of("room", "general", "nick", "bob"))
                    .get(15, TimeUnit.SECONDS);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Node.Result r = Node.exec(new ProcessBuilder(java, "-cp",
                    dir + File.pathSeparator + System.getProperty("java.class.path"), "HelloChat", url, "3"),
                    Duration.ofSeconds(60));
            bob.io().close();

            assertThat(r.exitCode()).as("%s", r).isZero();
            List<String> lines = r.stdout().lines().toList();
            assertThat(lines.get(0)).startsWith("connected as ");
            assertThat(lines).contains("joined general; online: [bob, javabot]", "bob: hi javabot");
            assertThat(lines).anyMatch(l -> l.startsWith("stored: {") && l.contains("text=hello from Java")
                    && l.contains("nick=javabot"));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The README's pom.xml for a project of its own names the client library at this project's version. */
    @Test
    void theClientProjectsPomNamesThisProjectsVersions() throws Exception {
        Document readme = xml(Readme.block("ReadmeExamplesTest: the versions below are this project's", "xml"));
        Document ours = xml(Files.readString(ROOT.resolve("pom.xml")));
        Map<String, String> expected = new HashMap<>();
        // one dependency: the client library, whose own POM brings the rest (ClientArtifactIT checks that POM)
        expected.put("org.socketioee:socketio-ee-client", text(ours.getDocumentElement(), "version"));
        assertThat(versions(readme, "dependency")).isEqualTo(expected);

        Map<String, String> plugins = versions(readme, "plugin");
        Map<String, String> ourPlugins = versions(ours, "plugin");
        assertThat(plugins).containsOnlyKeys("org.apache.maven.plugins:maven-compiler-plugin", "org.codehaus.mojo:exec-maven-plugin");
        plugins.forEach((plugin, version) -> assertThat(version).as(plugin).isEqualTo(ourPlugins.get(plugin)));
        assertThat(readme.getElementsByTagName("release").item(0).getTextContent()).isEqualTo("17");
        assertThat(readme.getElementsByTagName("mainClass").item(0).getTextContent()).isEqualTo("HelloChat");
    }

    @Test
    void theGetStartedServerExamplesAreTheTestedFiles() throws Exception {
        String readme = Readme.text();
        for (Class<?> example : List.of(GetStartedChat.class, GetStartedProgrammatic.class)) {
            String source = Files.readString(ROOT.resolve("src/test/java/org/socketioee/examples/"
                    + example.getSimpleName() + ".java"));
            assertThat(readme).as(example.getSimpleName()).contains("```java\n" + source + "```\n");
        }
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** groupId:artifactId → version of every {@code element} (dependency, plugin) that has a version. */
    private static Map<String, String> versions(Document pom, String element) {
        Map<String, String> versions = new HashMap<>();
        NodeList all = pom.getElementsByTagName(element);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String version = text(e, "version");
            if (version != null && !version.startsWith("${")) {
                String group = text(e, "groupId");
                versions.put((group == null ? "org.apache.maven.plugins" : group) + ":" + text(e, "artifactId"), version);
            }
        }
        return versions;
    }

    private static Element child(Element parent, String name) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
