package provider

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
)

func TestOutcomeResponse(t *testing.T) {
	e := Event{RequestType: Update, StackID: "s", RequestID: "r", LogicalResourceID: "L", PhysicalResourceID: "old"}
	secret := Client{ID: "new", Name: "n", UserPoolID: "us-east-1_a", Secret: "shh"}
	tests := map[string]struct {
		o    outcome
		want cfnresponse.Response
	}{
		"success with a secret": {
			o: success(secret, true),
			want: cfnresponse.Response{Status: cfnresponse.StatusSuccess, PhysicalResourceID: "new", NoEcho: true,
				Data: map[string]string{"ClientId": "new", "Name": "n", "UserPoolId": "us-east-1_a", "ClientSecret": "shh"}},
		},
		"success without a secret": {
			o: success(Client{ID: "new", Name: "n", UserPoolID: "us-east-1_a"}, false),
			want: cfnresponse.Response{Status: cfnresponse.StatusSuccess, PhysicalResourceID: "new",
				Data: map[string]string{"ClientId": "new", "Name": "n", "UserPoolId": "us-east-1_a"}},
		},
		"failure never carries data": {
			o:    outcome{status: cfnresponse.StatusFailed, reason: "r", client: &secret},
			want: cfnresponse.Response{Status: cfnresponse.StatusFailed, Reason: "r", PhysicalResourceID: "new"},
		},
		"failure without reason or id": {
			o:    failure(""),
			want: cfnresponse.Response{Status: cfnresponse.StatusFailed, Reason: "unknown error", PhysicalResourceID: "old"},
		},
		"nothing without id": {
			o:    nothing(),
			want: cfnresponse.Response{Status: cfnresponse.StatusSuccess, PhysicalResourceID: "old"},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			tt.want.StackID, tt.want.RequestID, tt.want.LogicalResourceID = "s", "r", "L"
			assert.Equal(t, tt.want, tt.o.response(e))
		})
	}
}

func TestSuccessRecordsWhatItCreated(t *testing.T) {
	c := Client{ID: "id"}
	assert.Equal(t, &c, success(c, true).created)
	assert.Nil(t, success(c, false).created)
}

// Every answer's PhysicalResourceId comes from physicalID; these are its three rules.
func TestPhysicalID(t *testing.T) {
	c := Client{ID: "client0042abc"}
	tests := map[string]struct {
		e    Event
		o    outcome
		want string
	}{
		"the client the outcome names":    {e: Event{RequestType: Update, PhysicalResourceID: "old"}, o: success(c, true), want: "client0042abc"},
		"a failed update keeps its id":    {e: Event{RequestType: Update, PhysicalResourceID: "old"}, o: failure("x"), want: "old"},
		"a delete answers with its id":    {e: Event{RequestType: Delete, PhysicalResourceID: "old"}, o: nothing(), want: "old"},
		"a failed create gets the marker": {e: Event{RequestType: Create, RequestID: "r1", PhysicalResourceID: "ignored"}, o: failure("x"), want: "create-failed:r1"},
		"a request without an id":         {e: Event{RequestType: Delete, RequestID: "r2"}, o: nothing(), want: "create-failed:r2"},
		"a request without id or request": {e: Event{RequestType: "Bogus"}, o: failure("x"), want: "create-failed:unknown-request"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tt.want, physicalID(tt.e, tt.o))
			assert.Equal(t, tt.want, tt.o.response(tt.e).PhysicalResourceID)
		})
	}
}
