package io.cohort.cluster.message;

/** Why the master did not (yet) accept a join (figure 8F). */
public enum NakReason {
    /** "Operation in progress": wait, the applications are being asked (877). */
    OPERATION_IN_PROGRESS,
    /** The credential is not one the cluster trusts. */
    CREDENTIAL_REJECTED,
    /** An application refused the member (885). */
    APPLICATION_REJECTED;

    /** Whether the joining member should keep waiting rather than give up this attempt. */
    public boolean isFinal() {
        return this != OPERATION_IN_PROGRESS;
    }
}
