package secretstore

import (
	"crypto/sha256"
	"encoding/hex"
)

// token is the ClientRequestToken (and so the version ID) of one Put of a request: derived
// from CloudFormation's RequestId, so that a duplicate delivery of the request finds what the
// first one wrote, and from the step, so that the Puts of one request differ. It is shaped
// like a UUID (36 characters; Secrets Manager takes 32–64).
func token(requestID, step string) string {
	sum := sha256.Sum256([]byte("Custom::UserPoolClient/" + requestID + "/" + step))
	h := hex.EncodeToString(sum[:16])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// finalStep names the last Put of every request, the one a duplicate delivery looks up.
const finalStep = "final"
