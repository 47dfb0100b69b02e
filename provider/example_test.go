package provider_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/provider"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// memCognito is the smallest in-memory Cognito: it makes one client per Create.
type memCognito struct{ created int }

func (m *memCognito) Create(_ context.Context, p userpoolclient.Properties, name string) (provider.Client, error) {
	m.created++
	return provider.Client{ID: fmt.Sprintf("3n4b5urk1ft4fl3mg5e2gj3nm%d", m.created), Name: name, UserPoolID: p.UserPoolId}, nil
}

func (m *memCognito) Update(_ context.Context, id string, p userpoolclient.Properties, name string) (provider.Client, error) {
	return provider.Client{ID: id, Name: name, UserPoolID: p.UserPoolId}, nil
}

func (m *memCognito) Delete(context.Context, string, string) error { return nil }

func (m *memCognito) Describe(_ context.Context, pool, id string) (provider.Client, error) {
	return provider.Client{ID: id, UserPoolID: pool}, nil
}

func (m *memCognito) FindByName(context.Context, string, string) ([]string, error) { return nil, nil }

// The client-secret operations are needed only for clients with storage (SecretsManagerSecretId).
func (m *memCognito) AddClientSecret(context.Context, string, string) (provider.ClientSecret, error) {
	return provider.ClientSecret{}, errors.New("not used")
}

func (m *memCognito) ListClientSecrets(context.Context, string, string) ([]provider.ClientSecret, error) {
	return nil, nil
}

func (m *memCognito) DeleteClientSecret(context.Context, string, string, string) error { return nil }

func ExampleHandler_Invoke() {
	// Stands in for the pre-signed S3 ResponseURL.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var got cfnresponse.Response
		_ = json.NewDecoder(r.Body).Decode(&got)
		fmt.Println(r.Method, got.Status, got.PhysicalResourceID, got.Data)
	}))
	defer srv.Close()

	cog := &memCognito{}
	h := provider.New(provider.Config{
		Cognito: func(context.Context) (provider.Cognito, error) { return cog, nil },
		Sender:  &cfnresponse.Sender{Logger: slog.New(slog.DiscardHandler)},
		Logger:  slog.New(slog.DiscardHandler),
	})

	event := []byte(`{
		"RequestType": "Create",
		"ResponseURL": "` + srv.URL + `/stack/WebClient?X-Amz-Signature=example",
		"StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/demo/guid",
		"RequestId": "unique-id-for-create-request",
		"LogicalResourceId": "WebClient",
		"ResourceType": "Custom::UserPoolClient",
		"ResourceProperties": {"UserPoolId": "us-east-1_aBcDeFgHi", "ClientName": "web-client"}
	}`)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := h.Invoke(ctx, event)
	fmt.Println("error:", err)

	// The same event delivered again is answered from the first answer.
	_, err = h.Invoke(ctx, event)
	fmt.Println("error:", err, "clients created:", cog.created)
	// Output:
	// PUT SUCCESS 3n4b5urk1ft4fl3mg5e2gj3nm1 map[ClientId:3n4b5urk1ft4fl3mg5e2gj3nm1 Name:web-client UserPoolId:us-east-1_aBcDeFgHi]
	// error: <nil>
	// PUT SUCCESS 3n4b5urk1ft4fl3mg5e2gj3nm1 map[ClientId:3n4b5urk1ft4fl3mg5e2gj3nm1 Name:web-client UserPoolId:us-east-1_aBcDeFgHi]
	// error: <nil> clients created: 1
}
