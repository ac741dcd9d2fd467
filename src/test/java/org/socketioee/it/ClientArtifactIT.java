package org.socketioee.it;

import org.junit.jupiter.api.Test;
import org.socketioee.testing.Node;
import org.socketioee.testing.Readme;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java client as the library {@code org.socketioee:socketio-ee-client}, as `mvn install` installs it: its jar
 * (client, Socket.IO parser, Engine.IO codec, nothing of the server), its POM (what the client needs, at the WAR's
 * versions), and the README's program built by Maven as a project of its own with that one dependency, run against
 * the chat in the Cargo Tomcat.
 */
class ClientArtifactIT {
    private static final Path ROOT = Readme.projectDir();
    private static final Path JAR = ROOT.resolve("target/socketio-ee-client.jar");
    private static final Path POM = ROOT.resolve("target/client-pom/pom.xml");
    private static final List<String> CLIENT_PACKAGES =
            List.of("org/socketioee/client/", "org/socketioee/parser/", "org/socketioee/engine/parser/");

    @Test
    void theJarCarriesTheClientAndTheSharedCodecsAndNoServerClass() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> classes = jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).contains("org/socketioee/client/IO.class", "org/socketioee/parser/PacketDecoder.class",
                    "org/socketioee/engine/parser/PacketCodec.class", "org/socketioee/engine/parser/CloseReason.class");
            // server, engine (server side), adapter, chat, examples, metrics: none
            assertThat(classes).allSatisfy(c -> assertThat(CLIENT_PACKAGES).anySatisfy(p -> assertThat(c).startsWith(p)));
        }
    }

    @Test
    void itsPomListsWhatTheClientNeedsAtTheWarsVersions() throws Exception {
        Document war = xml(ROOT.resolve("pom.xml"));
        Document client = xml(POM);
        Element project = client.getDocumentElement();
        assertThat(text(project, "groupId") + ":" + text(project, "artifactId") + ":" + text(project, "version"))
                .isEqualTo("org.socketioee:socketio-ee-client:" + text(war.getDocumentElement(), "version"));
        Element props = (Element) war.getElementsByTagName("properties").item(0);
        String tyrus = text(props, "tyrus.version");
        assertThat(dependencies(client)).isEqualTo(Map.of(
                "org.glassfish.tyrus:tyrus-client", tyrus,
                "org.glassfish.tyrus:tyrus-container-grizzly-client", tyrus,
                "jakarta.json.bind:jakarta.json.bind-api", text(props, "jsonb.version"),
                "org.eclipse.yasson:yasson", text(props, "yasson.version")));
    }

    /**
     * What a user does: the artifact in the local repository (as `mvn install` puts it there: same file, same POM),
     * then the README's pom.xml and HelloChat.java in a directory of their own, `mvn compile exec:java`.
     */
    @Test
    void theReadmeProgramBuildsWithThatOneDependencyAndTalksToTheChat() throws Exception {
        Path dir = ROOT.resolve("target/client-project");
        Files.createDirectories(dir.resolve("src/main/java"));
        Node.Result installed = mvn(dir, "org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file",
                "-Dfile=" + JAR, "-DpomFile=" + POM);
        assertThat(installed.exitCode()).as("%s", installed).isZero();

        Files.writeString(dir.resolve("pom.xml"), Readme.block("ReadmeExamplesTest: the versions below are this project's", "xml"));
        Files.writeString(dir.resolve("src/main/java/HelloChat.java"),
                Readme.block("ReadmeExamplesTest compiles this program", "java"));
        Node.Result r = mvn(dir, "compile", "exec:java", "-Dexec.args=" + DeployedWarIT.BASE + "/chat 1");

        assertThat(r.exitCode()).as("%s", r).isZero();
        // Debian's Maven 3.8 writes colour resets ("ESC[0m") around a plugin's output even in batch mode
        List<String> lines = r.stdout().replaceAll("\u001B\\[[0-9;]*m", "").lines().toList();
        assertThat(lines.get(0)).startsWith("connected as ");
        assertThat(lines).anyMatch(l -> l.startsWith("joined general; online: [") && l.contains("javabot"));
        assertThat(lines).anyMatch(l -> l.startsWith("stored: {") && l.contains("text=hello from Java"));
    }

    private static Node.Result mvn(Path dir, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("mvn", "-B", "-q"));
        cmd.addAll(List.of(args));
        return Node.exec(new ProcessBuilder(cmd).directory(dir.toFile()), Duration.ofMinutes(3));
    }

    private static Map<String, String> dependencies(Document pom) {
        Map<String, String> deps = new HashMap<>();
        NodeList all = pom.getElementsByTagName("dependency");
        for (int i = 0; i < all.getLength(); i++) {
            Element d = (Element) all.item(i);
            deps.put(text(d, "groupId") + ":" + text(d, "artifactId"), text(d, "version"));
        }
        return deps;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Element parent, String name) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }
}
