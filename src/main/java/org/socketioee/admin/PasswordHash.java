package org.socketioee.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Prints the bcrypt hash of a password for {@code socketio.admin.passwordHash}: {@code $2a$}, cost 10, as
 * bcryptjs' {@code hashSync(password, 10)} (what admin-ui's documentation uses). The password is read from the
 * console without echo, or from the first line of stdin, never from the command line (shell history):
 * {@code mvn -q compile exec:java -Dexec.mainClass=org.socketioee.admin.PasswordHash}.
 */
public final class PasswordHash {
    private PasswordHash() {
    }

    public static void main(String[] args) throws IOException {
        Console console = System.console();
        char[] password;
        if (console != null) {
            password = console.readPassword("password: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length == 0) {
            System.err.println("no password given");
            System.exit(1);
        }
        System.out.println(BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(10, password));
    }
}
