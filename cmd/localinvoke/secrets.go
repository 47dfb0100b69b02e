package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// secretsManager is Secrets Manager in moto, behind the local Cognito, as the function sees it.
func (h *harness) secretsManager() *sm.Client { return h.moto.SecretsManager() }

// setupSecrets makes what a storage or adoption sample (docs/secrets.md) names: an empty storage secret
// for its SecretsManagerSecretId (as a template makes it), and, for its ExistingClientId, a
// client made directly in Cognito from the properties that adopt it. It returns the event with
// the sample's placeholders replaced and the storage's ARN ("" when there is none).
func (h *harness) setupSecrets(ctx context.Context, w io.Writer, raw []byte) ([]byte, string, error) {
	secret, existing := localrun.Placeholders(raw)
	arn := ""
	if secret != "" {
		name := fmt.Sprintf("userpoolclient/localinvoke-%d", time.Now().UnixNano())
		out, err := h.secretsManager().CreateSecret(ctx, &sm.CreateSecretInput{Name: aws.String(name)})
		if err != nil {
			return nil, "", fmt.Errorf("setup: create the storage secret: %w", err)
		}
		arn = aws.ToString(out.ARN)
		raw = bytes.ReplaceAll(raw, []byte(secret), []byte(arn))
		fmt.Fprintf(w, "== setup: storage secret %s (empty, as a template makes it) ==\n\n", arn)
	}
	if existing != "" {
		field := "ResourceProperties"
		if localrun.EventString(raw, "RequestType") == "Update" {
			field = "OldResourceProperties"
		}
		prepared, err := localrun.PrepareEvent(raw, "", h.poolID)
		if err != nil {
			return nil, "", err
		}
		props, _ := localrun.EventField(prepared, field)
		p := userpoolclient.DecodeLenient(props)
		out, err := h.moto.Cognito().CreateUserPoolClient(ctx, p.CreateInput(p.ClientName))
		if err != nil {
			return nil, "", fmt.Errorf("setup: create the client to adopt: %w", err)
		}
		id := aws.ToString(out.UserPoolClient.ClientId)
		raw = bytes.ReplaceAll(raw, []byte(existing), []byte(id))
		fmt.Fprintf(w, "== setup: client %s (%s) made directly in Cognito, for ExistingClientId ==\n\n", id, p.ClientName)
	}
	return raw, arn, nil
}

// printStorage prints both sides of the storage: the client's active secrets as Cognito lists
// them (IDs only), and what AWSCURRENT and AWSPREVIOUS hold, the secret masked.
func (h *harness) printStorage(ctx context.Context, w io.Writer, arn, clientID string) {
	fmt.Fprintln(w, "Cognito client secrets (IDs; the values are never shown again):")
	out, err := h.moto.Cognito().ListUserPoolClientSecrets(ctx, &cognitoidentityprovider.ListUserPoolClientSecretsInput{
		UserPoolId: aws.String(h.poolID), ClientId: aws.String(clientID)})
	if err != nil {
		fmt.Fprintf(w, "  %v\n", err)
	} else {
		for _, d := range out.ClientSecrets {
			fmt.Fprintf(w, "  %s\n", aws.ToString(d.ClientSecretId))
		}
	}
	fmt.Fprintf(w, "Secrets Manager %s:\n", arn)
	for _, stage := range []string{"AWSCURRENT", "AWSPREVIOUS"} {
		// Read by stage: moto answers a read without one with the last version put.
		v, err := h.secretsManager().GetSecretValue(ctx, &sm.GetSecretValueInput{SecretId: &arn, VersionStage: aws.String(stage)})
		var nf *smtypes.ResourceNotFoundException
		switch {
		case errors.As(err, &nf):
			fmt.Fprintf(w, "  %-11s none\n", stage)
			continue
		case err != nil:
			fmt.Fprintf(w, "  %-11s %v\n", stage, err)
			continue
		}
		var c map[string]any
		if json.Unmarshal([]byte(aws.ToString(v.SecretString)), &c) != nil {
			fmt.Fprintf(w, "  %-11s (not the credentials of a client)\n", stage)
			continue
		}
		c["ClientSecret"] = mask
		b, _ := json.Marshal(c)
		fmt.Fprintf(w, "  %-11s %s\n", stage, b)
	}
	fmt.Fprintln(w)
}

// rotationDemo runs what a stack with storage goes through: Create with storage, a rotation
// (SecretSerial raised), CloudFormation's roll back of it (SecretSerial lowered), Delete,
// printing both sides of the storage after each step, secrets masked.
func (h *harness) rotationDemo(ctx context.Context, w io.Writer) error {
	events, err := h.readEvents("create-with-storage.json", "rotate.json", "rollback-rotation.json", "delete.json")
	if err != nil {
		return err
	}
	create, rotate, rollback, del := events[0], events[1], events[2], events[3]
	fmt.Fprintln(w, "#### Rotation without a new client: SecretsManagerSecretId and SecretSerial ####")
	fmt.Fprintln(w)
	create, arn, err := h.setupSecrets(ctx, w, create)
	if err != nil {
		return err
	}
	secret, _ := localrun.Placeholders(rotate)
	rotate = bytes.ReplaceAll(rotate, []byte(secret), []byte(arn))
	rollback = bytes.ReplaceAll(rollback, []byte(secret), []byte(arn))

	ok := func(out outcome) bool { return out.response.Status == "SUCCESS" && len(out.problems) == 0 }
	// Every request of this stack is a new one (its own RequestId), as CloudFormation sends them.
	n := 0
	fresh := func() localrun.EventOption {
		n++
		return localrun.WithRequestID(fmt.Sprintf("5e7a9c1b-3d5f-4a7b-9c1d-%012d", n))
	}
	out, createEvent, err := h.step(ctx, w, "Create with storage (1/4)", create, fresh())
	if err != nil {
		return err
	}
	if !ok(out) {
		return errors.New("create with storage did not succeed")
	}
	id := out.response.PhysicalResourceID
	h.printStorage(ctx, w, arn, id)
	createProps, _ := localrun.EventField(createEvent, "ResourceProperties")

	rotateProps, _ := localrun.EventField(rotate, "ResourceProperties")
	out, _, err = h.step(ctx, w, "Rotate: SecretSerial raised (2/4)", rotate,
		localrun.WithPhysicalResourceID(id), localrun.WithOldResourceProperties(createProps), fresh())
	if err != nil {
		return err
	}
	if !ok(out) || out.response.PhysicalResourceID != id {
		return errors.New("the rotation did not succeed on the same client")
	}
	h.printStorage(ctx, w, arn, id)

	out, _, err = h.step(ctx, w, "Roll back: SecretSerial lowered, as CloudFormation's rollback sends it (3/4)", rollback,
		localrun.WithPhysicalResourceID(id), localrun.WithOldResourceProperties(rotateProps), fresh())
	if err != nil {
		return err
	}
	if !ok(out) {
		return errors.New("the roll back did not succeed")
	}
	fmt.Fprintln(w, "note: no secret was deleted; AWSCURRENT is back on the first secret, AWSPREVIOUS on the new one")
	h.printStorage(ctx, w, arn, id)
	rollbackProps, _ := localrun.EventField(rollback, "ResourceProperties")

	out, _, err = h.step(ctx, w, "Delete (4/4)", del,
		localrun.WithPhysicalResourceID(id), localrun.WithResourceProperties(rollbackProps), fresh())
	if err != nil {
		return err
	}
	if !ok(out) {
		return errors.New("delete did not succeed")
	}
	fmt.Fprintln(w, "note: the storage secret is the template's; the function never deletes it")
	fmt.Fprintln(w)
	return nil
}

// isStorageEvent reports whether a sample names the storage or an adopted client.
func isStorageEvent(raw []byte) bool {
	s, e := localrun.Placeholders(raw)
	return strings.TrimSpace(s+e) != ""
}
