package io.cohort.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigLoader;
import io.cohort.server.config.PptpEncryption;
import io.cohort.server.inet.Ipv4Literal;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PppServerConfigurationTest {
    @TempDir
    Path dir;

    private CohortConfig load(String ini) throws Exception {
        Path file = dir.resolve("cohort.ini");
        Files.writeString(file, ini);
        return ConfigLoader.load(Optional.of(file));
    }

    @Test
    void pppSectionBecomesTheServerLinkConfiguration() throws Exception {
        CohortConfig c = load("""
                [server]
                hostname = lns-7
                [ppp]
                auth = pap, mschapv2, chap-md5
                mru = 1300
                echo-interval = 20s
                echo-failures = 4
                dns = 192.0.2.53, 192.0.2.54
                nbns = 192.0.2.137
                ipv6 = true
                [pool]
                ipv4 = 10.20.0.0/24
                gateway = 10.20.0.1
                """);
        Ipv4Pool pool = new Ipv4Pool(c.pool().ipv4(), c.pool().gateway());

        PppLinkConfig p = PppServerConfiguration.pppServer(c, new DirectoryAuthenticator(new InMemoryUserDirectory()),
                pool, new SecureRandom(), new Counters(),
                RateLimitedLog.standard(System.getLogger("test"), new VirtualScheduler()));

        assertThat(p.role()).isEqualTo(Role.SERVER);
        assertThat(p.name()).isEqualTo("lns-7");
        assertThat(p.authMethods()).containsExactly(AuthMethod.PAP, AuthMethod.MSCHAP_V2, AuthMethod.CHAP_MD5);
        assertThat(p.mru()).isEqualTo(1300);
        assertThat(p.echoInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.echoFailures()).isEqualTo(4);
        assertThat(p.ipv6()).isTrue();
        assertThat(p.allocator()).containsSame(pool);
        assertThat(p.ipcp().localAddress()).contains(ip("10.20.0.1"));
        assertThat(p.ipcp().primaryDns()).contains(ip("192.0.2.53"));
        assertThat(p.ipcp().secondaryDns()).contains(ip("192.0.2.54"));
        assertThat(p.ipcp().primaryNbns()).contains(ip("192.0.2.137"));
        assertThat(p.ipcp().secondaryNbns()).isEmpty();
    }

    @Test
    void authOrderIsKept() throws Exception {
        assertThat(PppServerConfiguration.authMethods(load("[pptp]\nenabled = false\n[ppp]\nauth = chap-md5, pap\n").ppp()))
                .isEqualTo(List.of(AuthMethod.CHAP_MD5, AuthMethod.PAP));
    }

    @Test
    void pptpLinksRequireMppeOfferOnlyMsChapV2AndMakeRoomForItsFourOctets() throws Exception {
        CohortConfig c = load("[ppp]\nauth = pap, mschapv2\nmru = 1400\n");
        PppLinkConfig base = PppServerConfiguration.pppServer(c,
                new DirectoryAuthenticator(new InMemoryUserDirectory()), new Ipv4Pool(c.pool().ipv4(),
                        c.pool().gateway()), new SecureRandom(), new Counters(),
                RateLimitedLog.standard(System.getLogger("test"), new VirtualScheduler()));

        PppLinkConfig pptp = PppServerConfiguration.pptpServer(base, PptpEncryption.MPPE_128);

        assertThat(pptp.encryption()).isEqualTo(EncryptionPolicy.MPPE_128_REQUIRED);
        assertThat(pptp.authMethods()).containsExactly(AuthMethod.MSCHAP_V2);
        assertThat(pptp.mru()).isEqualTo(1404);
        assertThat(base.encryption()).isEqualTo(EncryptionPolicy.NONE);
        assertThat(PppServerConfiguration.pptpServer(base, PptpEncryption.NONE)).isSameAs(base);
    }

    private static java.net.Inet4Address ip(String s) {
        return Ipv4Literal.parse(s).orElseThrow();
    }
}
