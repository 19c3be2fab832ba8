package io.cohort.ppp.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local users file (format in the module's README.md), one user per line:
 * <pre>
 * # comment
 * alice:nt:44EBBA8D5312B8D611474411F56989AE
 * carol:bcrypt:$2y$10$... (as htpasswd -nbB writes it)
 * bob:clear:the password, verbatim to the end of the line
 * </pre>
 * {@code nt} entries serve PAP and MS-CHAPv2; {@code bcrypt} entries (salted) serve PAP only;
 * {@code clear} entries also serve CHAP-MD5. Bad lines are skipped and reported by line number;
 * a problem's text never repeats the secret.
 */
public final class UserFile implements UserDirectory {
    /** One rejected line. {@code reason} names the defect, never the secret. */
    public record Problem(int line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    private final Map<String, UserSecret> users;
    private final List<Problem> problems;

    private UserFile(Map<String, UserSecret> users, List<Problem> problems) {
        this.users = Map.copyOf(users);
        this.problems = List.copyOf(problems);
    }

    public static UserFile load(Path path) throws IOException {
        return parse(Files.readAllLines(path, StandardCharsets.UTF_8));
    }

    public static UserFile parse(List<String> lines) {
        Map<String, UserSecret> users = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int lineNumber = i + 1;
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                problems.add(new Problem(lineNumber, "expected user:nt:HASH, user:bcrypt:HASH or user:clear:PASSWORD"));
                continue;
            }
            String user = line.substring(0, first).strip();
            String kind = line.substring(first + 1, second).strip();
            String value = line.substring(second + 1);
            if (user.isEmpty() || user.chars().anyMatch(c -> c < 0x20 || Character.isWhitespace(c))) {
                problems.add(new Problem(lineNumber, "user name empty or contains white space"));
                continue;
            }
            Optional<UserSecret> secret = switch (kind) {
                case "nt" -> ntHash(value.strip());
                case "bcrypt" -> UserSecret.isBcrypt(value.strip())
                        ? Optional.of(UserSecret.ofBcrypt(value.strip())) : Optional.empty();
                case "clear" -> value.isEmpty() ? Optional.empty() : Optional.of(UserSecret.ofPassword(value));
                default -> {
                    problems.add(new Problem(lineNumber, "unknown kind (use nt, bcrypt or clear) for user " + user));
                    yield null;
                }
            };
            if (secret == null) {
                continue;
            }
            if (secret.isEmpty()) {
                problems.add(new Problem(lineNumber, switch (kind) {
                    case "nt" -> "NT hash of user " + user + " is not 32 hex digits";
                    case "bcrypt" -> "bcrypt hash of user " + user + " is not $2a$, $2b$ or $2y$ with cost 04-31";
                    default -> "empty password for user " + user;
                }));
                continue;
            }
            if (users.putIfAbsent(user, secret.get()) != null) {
                problems.add(new Problem(lineNumber, "duplicate user " + user + " (first entry kept)"));
            }
        }
        return new UserFile(users, problems);
    }

    private static Optional<UserSecret> ntHash(String hex) {
        if (hex.length() != 32 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(UserSecret.ofNtHash(HexFormat.of().parseHex(hex)));
    }

    @Override
    public Optional<UserSecret> find(String user) {
        return Optional.ofNullable(users.get(user));
    }

    public int size() {
        return users.size();
    }

    /** Lines that were skipped, with why. */
    public List<Problem> problems() {
        return problems;
    }
}
