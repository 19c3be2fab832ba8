package io.cohort.ppp.auth;

/** A client's user name and password; toString() never shows the password. */
public record Credentials(String user, String password) {
    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=redacted]";
    }
}
