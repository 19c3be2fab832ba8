package io.cohort.ppp.automaton;

/** The actions of RFC 1661 section 4.4. */
public enum AutomatonAction {
    TLU, // This-Layer-Up
    TLD, // This-Layer-Down
    TLS, // This-Layer-Started
    TLF, // This-Layer-Finished
    IRC, // Initialize-Restart-Count
    ZRC, // Zero-Restart-Count
    SCR, // Send-Configure-Request
    SCA, // Send-Configure-Ack
    SCN, // Send-Configure-Nak/Rej
    STR, // Send-Terminate-Request
    STA, // Send-Terminate-Ack
    SCJ, // Send-Code-Reject
    SER  // Send-Echo-Reply
}
