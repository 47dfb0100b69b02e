package provider

import (
	"time"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
)

// outcome is what the lifecycle decided, before it becomes a response.
type outcome struct {
	status     cfnresponse.Status
	reason     string
	physicalID string
	client     *Client // the attributes to return
	// created is a client this request made. When the answer does not carry its ID (a
	// replacement that failed, an answer sent by the timer) it is removed.
	created *Client
	// uncertain is a Create cut by the deadline: it may have made a client whose ID is unknown.
	uncertain *pendingCreate
}

// pendingCreate is what is known of a Create that may or may not have taken effect.
type pendingCreate struct {
	userPoolID, name string
	since            time.Time
}

func success(c Client, created bool) outcome {
	o := outcome{status: cfnresponse.StatusSuccess, physicalID: c.ID, client: &c}
	if created {
		o.created = &c
	}
	return o
}

func failure(e Event, physicalID, reason string) outcome {
	if physicalID == "" {
		physicalID = fallbackID(e)
	}
	if reason == "" {
		reason = "unknown error"
	}
	return outcome{status: cfnresponse.StatusFailed, reason: reason, physicalID: physicalID}
}

func nothing(physicalID string) outcome {
	return outcome{status: cfnresponse.StatusSuccess, physicalID: physicalID}
}

// response builds the answer: Ref is the ClientId; Data holds ClientId, Name, UserPoolId and,
// when the client has one, ClientSecret, in which case NoEcho is set.
func (o outcome) response(e Event) cfnresponse.Response {
	r := cfnresponse.Response{
		Status:             o.status,
		Reason:             o.reason,
		PhysicalResourceID: o.physicalID,
		StackID:            e.StackID,
		RequestID:          e.RequestID,
		LogicalResourceID:  e.LogicalResourceID,
	}
	if r.PhysicalResourceID == "" {
		r.PhysicalResourceID = fallbackID(e)
	}
	if c := o.client; c != nil && o.status == cfnresponse.StatusSuccess {
		r.Data = map[string]string{"ClientId": c.ID, "Name": c.Name, "UserPoolId": c.UserPoolID}
		if s := c.Secret.Reveal(); s != "" {
			r.Data["ClientSecret"] = s
			r.NoEcho = true
		}
	}
	return r
}
