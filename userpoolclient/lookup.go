package userpoolclient

// LookupProperties are the ResourceProperties of a Custom::UserPoolClientLookup, which reads
// an existing client and returns the same attributes as Custom::UserPoolClient.
type LookupProperties struct {
	// UserPoolId is the pool of the client. Required.
	UserPoolId string `json:"UserPoolId,omitempty"`
	// ClientId is the client's ID. Give ClientId or ClientName, not both.
	ClientId string `json:"ClientId,omitempty"`
	// ClientName is the client's name; exactly one client in the pool may carry it.
	ClientName string `json:"ClientName,omitempty"`
}

// DecodeLookup reads and validates the properties of a Custom::UserPoolClientLookup.
func DecodeLookup(raw []byte) (LookupProperties, error) {
	var p LookupProperties
	var is issues
	present := decodeObject(raw, &p, cloudFormationKeys, &is)
	if is.broken[""] {
		return p, is.err()
	}
	p.validate(checker{is: &is, present: present})
	return p, is.err()
}

// ValidateWith checks the lookup's rules on a typed value, as DecodeLookup does; zero values
// count as absent and values opts.Unresolved reports are not checked.
func (p LookupProperties) ValidateWith(opts ValidateOptions) error {
	var is issues
	p.validate(checker{is: &is, unresolved: opts.Unresolved})
	return is.err()
}

func (p LookupProperties) validate(c checker) {
	is := c.is
	if !c.given("UserPoolId", p.UserPoolId == "") {
		is.add("UserPoolId", "required: the ID of the user pool to look in")
	} else {
		c.text("UserPoolId", p.UserPoolId, 1, 55, userPoolIDPattern, `^[\w-]+_[0-9a-zA-Z]+$`)
	}
	switch {
	case p.ClientId == "" && p.ClientName == "":
		is.add("ClientId", "required: give ClientId or ClientName")
	case p.ClientId != "" && p.ClientName != "":
		is.add("ClientName", "cannot be combined with ClientId; give one")
	case p.ClientId != "":
		c.text("ClientId", p.ClientId, 1, 128, clientIDPattern, `^[\w+]+$`)
	default:
		c.text("ClientName", p.ClientName, 1, 128, clientNamePattern, `^[\w\s+=,.@-]+$`)
	}
}
