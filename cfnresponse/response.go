package cfnresponse

// Status is the outcome reported to CloudFormation.
type Status string

// The two statuses CloudFormation accepts.
const (
	StatusSuccess Status = "SUCCESS"
	StatusFailed  Status = "FAILED"
)

// Response is the body CloudFormation expects at the ResponseURL.
type Response struct {
	Status Status `json:"Status"`
	// Reason explains a FAILED status; it is shown in the stack events.
	Reason string `json:"Reason,omitempty"`
	// PhysicalResourceID identifies the resource; it must not be empty, and
	// changing it on Update makes CloudFormation delete the old one.
	PhysicalResourceID string `json:"PhysicalResourceId"`
	StackID            string `json:"StackId"`
	RequestID          string `json:"RequestId"`
	LogicalResourceID  string `json:"LogicalResourceId"`
	// NoEcho masks Data in Fn::GetAtt output shown by CloudFormation.
	NoEcho bool `json:"NoEcho,omitempty"`
	// Data holds the values readable with Fn::GetAtt.
	Data map[string]string `json:"Data,omitempty"`
}
