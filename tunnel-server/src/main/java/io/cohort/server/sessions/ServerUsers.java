package io.cohort.server.sessions;

import io.cohort.ppp.auth.UserDirectory;
import io.cohort.ppp.auth.UserFile;
import io.cohort.server.config.UsersSection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The users PPP authenticates against: the {@code [users] file} (if configured) plus the users
 * whoever embeds the server adds (a lab's generated user, say). A users file with any bad line stops the server from starting,
 * with every problem reported by line number (never with a secret): an operator who made a typo
 * should not find half the users locked out.
 */
public final class ServerUsers {
    private static final Logger LOG = Logger.getLogger(ServerUsers.class.getName());

    private ServerUsers() {
    }

    /** The directory for {@code section}, with {@code extra} users (added by whoever embeds the server) looked up first. */
    public static UserDirectory load(UsersSection section, Optional<UserDirectory> extra) throws IOException {
        UserDirectory file = section.file().isPresent() ? loadFile(section.file().get()) : user -> Optional.empty();
        if (extra.isEmpty()) {
            return file;
        }
        UserDirectory first = extra.get();
        return user -> first.find(user).or(() -> file.find(user));
    }

    static UserFile loadFile(Path path) throws IOException {
        UserFile users = UserFile.load(path);
        check(path, users.problems());
        LOG.info(() -> "users file " + path + ": " + users.size() + " user" + (users.size() == 1 ? "" : "s"));
        return users;
    }

    static void check(Path path, List<UserFile.Problem> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("users file " + path + " has " + problems.size() + " bad line"
                    + (problems.size() == 1 ? "" : "s") + ": "
                    + problems.stream().map(UserFile.Problem::toString).collect(Collectors.joining("; ")));
        }
    }
}
