package io.cohort.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserFileTest {
    private static final String CLIENT_PASS_HASH = "44EBBA8D5312B8D611474411F56989AE"; // RFC 2759 9.2

    @Test
    void parsesNtAndClearEntriesSkippingCommentsAndBlankLines() {
        UserFile file = UserFile.parse(List.of(
                "# users", "", "alice:nt:" + CLIENT_PASS_HASH, "bob:clear:pa:ss word ", "carol:nt:" + CLIENT_PASS_HASH.toLowerCase() + "\r"));
        assertThat(file.problems()).isEmpty();
        assertThat(file.size()).isEqualTo(3);
        assertThat(file.find("alice").orElseThrow().ntHash().orElseThrow()).isEqualTo(HexFormat.of().parseHex(CLIENT_PASS_HASH));
        assertThat(file.find("alice").orElseThrow().clearPassword()).isEmpty();
        assertThat(file.find("bob").orElseThrow().clearPassword().orElseThrow())
                .isEqualTo("pa:ss word ".getBytes(StandardCharsets.UTF_8));
        assertThat(file.find("bob").orElseThrow().ntHash().orElseThrow()).isEqualTo(NtHash.bytesOf("pa:ss word "));
        assertThat(file.find("carol")).isPresent();
        assertThat(file.find("nobody")).isEmpty();
    }

    @Test
    void reportsMalformedLinesByNumberWithoutTheSecret() {
        UserFile file = UserFile.parse(List.of(
                "good:clear:hunter2",
                "no-colons-hunter3",
                "bad:nt:hunter4",
                "weird:md5:hunter5",
                "good:clear:hunter6",
                "empty:clear:",
                " :clear:hunter7"));
        assertThat(file.size()).isEqualTo(1);
        assertThat(file.problems()).extracting(UserFile.Problem::line).containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(file.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain("hunter"));
        assertThat(file.find("good").orElseThrow().clearPassword().orElseThrow())
                .isEqualTo("hunter2".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void secretsAreRedactedInToString() {
        UserFile file = UserFile.parse(List.of("bob:clear:hunter2"));
        assertThat(file.find("bob").orElseThrow().toString()).doesNotContain("hunter2").contains("redacted");
    }

    // The crypt_blowfish test vector for "U*U" (Openwall), and the same hash as htpasswd -B tags it.
    static final String U_STAR_U = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

    @Test
    void parsesBcryptEntriesWhichHoldNoNtHashAndNoClearText() {
        UserFile file = UserFile.parse(List.of("dave:bcrypt:" + U_STAR_U, "erin:bcrypt: " + U_STAR_U.replace("$2a$", "$2y$") + " "));
        assertThat(file.problems()).isEmpty();
        UserSecret dave = file.find("dave").orElseThrow();
        assertThat(dave.bcrypt()).contains(U_STAR_U);
        assertThat(dave.ntHash()).isEmpty();
        assertThat(dave.clearPassword()).isEmpty();
        assertThat(dave.toString()).doesNotContain("CCCC").contains("bcrypt");
        assertThat(file.find("erin").orElseThrow().bcrypt()).hasValueSatisfying(h -> assertThat(h).startsWith("$2y$05$"));
    }

    @Test
    void malformedBcryptEntriesAreReportedWithoutTheHash() {
        UserFile file = UserFile.parse(List.of(
                "a:bcrypt:$1$saltsalt$hunter8hunter8hunter8",                         // MD5-crypt, not bcrypt
                "b:bcrypt:$2a$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", // cost below 4
                "c:bcrypt:$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe",  // one character short
                "d:bcrypt:"));
        assertThat(file.size()).isZero();
        assertThat(file.problems()).extracting(UserFile.Problem::line).containsExactly(1, 2, 3, 4);
        assertThat(file.problems()).allSatisfy(p -> assertThat(p.toString())
                .contains("bcrypt").doesNotContain("hunter").doesNotContain("CCCC"));
    }
}
