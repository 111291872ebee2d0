/** Version of Ensemble's extension protocol; negotiated only by Ensemble clients. */
export const PROTOCOL_VERSION = 1;
