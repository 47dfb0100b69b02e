package secretstore

import (
	"context"
	"fmt"
)

// A rotation in an in-place Update: Prepare checks and decides before any write, the
// lifecycle sends UpdateUserPoolClient, and Apply deletes the secret AWSCURRENT does not name,
// adds one and stores it. The fakes stand in for Cognito and Secrets Manager.
func ExampleStore_Prepare() {
	ctx := context.Background()
	cognito, secrets := newFakeCognito(), newFakeSecrets()
	storage := secrets.add("userpoolclient/web", "us-east-1")
	s := &Store{Cognito: cognito, Secrets: secrets, Region: "us-east-1"}
	target := Target{SecretID: "userpoolclient/web", UserPoolID: "us-east-1_aBcDeFgHi", ClientID: "web"}

	// Create: Prepare before CreateUserPoolClient; Save stores the new client's one secret.
	p, _ := s.Prepare(ctx, Target{SecretID: target.SecretID, RequestID: "create", UserPoolID: target.UserPoolID}, Op{New: true})
	made := cognito.create(target.UserPoolID, "web")
	p.Save(ctx, "web", made.Value)

	for _, req := range []string{"rotate-1", "rotate-2"} {
		target.RequestID = req
		p, err := s.Prepare(ctx, target, Op{Rotate: true})
		if err != nil {
			fmt.Println(err)
			return
		}
		// ... UpdateUserPoolClient here ...
		c, _ := p.Apply(ctx, "")
		fmt.Println("stored", c.ClientSecretID, "secret", c.ClientSecret)
	}
	cur, _ := storage.staged(Current)
	prev, _ := storage.staged(Previous)
	fmt.Println("AWSCURRENT", cur.ClientSecretID, "AWSPREVIOUS", prev.ClientSecretID, "live", cognito.live(target.UserPoolID, "web"))
	// Output:
	// stored web--2 secret REDACTED
	// stored web--3 secret REDACTED
	// AWSCURRENT web--3 AWSPREVIOUS web--2 live [web--2 web--3]
}
