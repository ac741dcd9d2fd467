package org.socketioee.it;

import org.junit.jupiter.api.Test;

/**
 * The packaged WAR in the Cargo-managed Tomcat 11 (started by `mvn verify` before this runs): what a user gets
 * from the run command.
 */
class DeployedWarIT {
    static final String BASE = System.getProperty("it.baseUrl", "http://localhost:18181");
    private final WarChecks checks = new WarChecks(BASE);

    @Test
    void pollingHandshakeAtTheContextRoot() {
        checks.pollingHandshakeAtTheContextRoot();
    }

    @Test
    void errorsAnswerLikeNode() {
        checks.errorsAnswerLikeNode();
    }

    @Test
    void pollingUpgradedToWebSocketInTheRealTomcat() throws Exception {
        checks.pollingUpgradedToWebSocket();
    }

    @Test
    void webSocketOnlySession() throws Exception {
        checks.webSocketOnlySession();
    }

    @Test
    void examplesAreOffInTheDefaultLaunch() {
        checks.examplesAreOffInTheDefaultLaunch();
    }

    @Test
    void chatPageAndNamespaceOnTheContainerDataSource() throws Exception {
        checks.chatPageAndNamespaceOnTheContainerDataSource();
    }
}
