package io.cohort.ppp.automaton;

/** The events of RFC 1661 section 4.3, with the RFC's abbreviations in comments. */
public enum AutomatonEvent {
    UP,            // Up: lower layer is Up
    DOWN,          // Down: lower layer is Down
    OPEN,          // Open: administrative Open
    CLOSE,         // Close: administrative Close
    TO_PLUS,       // TO+: Timeout with counter > 0
    TO_MINUS,      // TO-: Timeout with counter expired
    RCR_PLUS,      // RCR+: Receive-Configure-Request (Good)
    RCR_MINUS,     // RCR-: Receive-Configure-Request (Bad)
    RCA,           // Receive-Configure-Ack
    RCN,           // Receive-Configure-Nak/Rej
    RTR,           // Receive-Terminate-Request
    RTA,           // Receive-Terminate-Ack
    RUC,           // Receive-Unknown-Code
    RXJ_PLUS,      // RXJ+: Receive-Code-Reject (permitted) or Receive-Protocol-Reject
    RXJ_MINUS,     // RXJ-: Receive-Code-Reject (catastrophic) or Receive-Protocol-Reject
    RXR            // Receive-Echo-Request, Echo-Reply or Discard-Request
}
