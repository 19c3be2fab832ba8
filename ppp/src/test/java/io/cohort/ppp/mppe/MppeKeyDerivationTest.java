package io.cohort.ppp.mppe;

import static io.cohort.ppp.mppe.Rfc3079Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.crypto.MppeKeyMaterial;
import io.cohort.ppp.crypto.MsChapV2;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 3079 section 3.5, step by step, for 40, 56 and 128 bits. */
class MppeKeyDerivationTest {
    private static final byte[] TEST_MESSAGE = "test message".getBytes(StandardCharsets.US_ASCII);

    @Test
    void stepsOneToThreeGiveTheMasterKey() {
        byte[] passwordHash = MsChapV2.ntPasswordHash(Rfc3079Vectors.text("Password"));
        byte[] hashHash = MsChapV2.hashNtPasswordHash(passwordHash);

        assertThat(passwordHash).isEqualTo(hex("PasswordHash"));
        assertThat(hashHash).isEqualTo(hex("PasswordHashHash"));
        assertThat(MppeKeyDerivation.masterKey(hashHash, hex("NT-Response"))).isEqualTo(hex("MasterKey"));
    }

    @ParameterizedTest(name = "{0}-bit")
    @CsvSource({"40, BITS_40", "56, BITS_56", "128, BITS_128"})
    void theSampleDerivation(int bits, MppeStrength strength) {
        // Step 4: the RFC's sample is the server's send key (IsSend TRUE, IsServer TRUE, 3.1-3.3).
        byte[] start = MppeKeyDerivation.asymmetricStartKey(hex("MasterKey"), strength.keyLength(), true, true);
        assertThat(start).isEqualTo(hex("SendStartKey" + bits));

        // Step 5: the initial session key.
        assertThat(MppeKeyDerivation.initialSessionKey(start, strength)).isEqualTo(hex("SendSessionKey" + bits));

        // Sample Encrypted Message: RC4 under the initial session key.
        MppeCipher cipher = new MppeCipher(start, strength);
        byte[] data = TEST_MESSAGE.clone();
        cipher.crypt(data, 0, data.length);
        assertThat(data).isEqualTo(hex("Encrypted" + bits));
    }

    @Test
    void theRfcs56BitSampleMessageDiffersOnlyInItsLastOctet() {
        byte[] printed = hex("Encrypted56AsPrinted");
        byte[] computed = hex("Encrypted56");

        assertThat(java.util.Arrays.copyOf(printed, 11)).isEqualTo(java.util.Arrays.copyOf(computed, 11));
        assertThat(printed[11]).isNotEqualTo(computed[11]);
    }

    @Test
    void theClientsReceiveKeyIsTheServersSendKeyAndViceVersa() {
        MppeKeyMaterial material = new MppeKeyMaterial(hex("MasterKey"));

        MppeStartKeys server = MppeStartKeys.derive(material, MppeStrength.BITS_128, true);
        MppeStartKeys client = MppeStartKeys.derive(material, MppeStrength.BITS_128, false);

        assertThat(server.send()).isEqualTo(hex("SendStartKey128")).isEqualTo(client.receive());
        assertThat(client.send()).isEqualTo(server.receive()).isNotEqualTo(server.send());
    }

    @Test
    void theMasterKeyMatchesTheMsChapV2KeyMaterial() {
        MppeKeyMaterial m = MppeKeyMaterial.fromPasswordHash(hex("PasswordHash"), hex("NT-Response"));

        assertThat(m.masterKey()).isEqualTo(hex("MasterKey"));
    }

    @Test
    void aKeyChangeFollowsSection73() {
        byte[] start = hex("SendStartKey128");
        MppeCipher cipher = new MppeCipher(start, MppeStrength.BITS_128);
        byte[] session = cipher.sessionKeyForTest();
        byte[] interim = MppeKeyDerivation.newKeyFromSha(start, session);
        // rc4_key(interim), then SessionKey = rc4(interim): computed here with a fresh cipher.
        byte[] expected = interim.clone();
        org.bouncycastle.crypto.engines.RC4Engine rc4 = new org.bouncycastle.crypto.engines.RC4Engine();
        rc4.init(true, new org.bouncycastle.crypto.params.KeyParameter(interim));
        rc4.processBytes(expected, 0, expected.length, expected, 0);

        cipher.changeKey();

        assertThat(cipher.sessionKeyForTest()).isEqualTo(expected);
    }

    @Test
    void keyChangesKeepTheReductionConstants() {
        MppeCipher c40 = new MppeCipher(hex("SendStartKey40"), MppeStrength.BITS_40);
        MppeCipher c56 = new MppeCipher(hex("SendStartKey56"), MppeStrength.BITS_56);
        for (int i = 0; i < 5; i++) {
            c40.changeKey();
            c56.changeKey();
            assertThat(HexFormat.of().formatHex(c40.sessionKeyForTest())).startsWith("d1269e");
            assertThat(HexFormat.of().formatHex(c56.sessionKeyForTest())).startsWith("d1");
        }
    }

    @Test
    void secretsStayOutOfToString() {
        MppeStartKeys keys = MppeStartKeys.of(hex("SendStartKey128"), hex("SendStartKey128"), MppeStrength.BITS_128);
        MppeMode mode = new MppeMode(MppeStrength.BITS_128, true);
        String shown = keys + " " + new MppeEncryptor(keys.send(), mode) + " " + new MppeDecryptor(keys.receive(), mode)
                + " " + new MppeCipher(keys.send(), MppeStrength.BITS_128);

        assertThat(shown.toLowerCase()).doesNotContain("8b7cdc", "8b 7c", "405cb2").contains("redacted");
    }
}
