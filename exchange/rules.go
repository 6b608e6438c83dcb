package exchange

// rules runs the steps after the schema, in the order docs/errors.md gives ("The
// validation pipeline"), and collects every finding. Each step lives in its own file;
// rendering a Path into an XPath or a JSON Pointer depends on the input's format.
func (v *Validator) rules(data []byte, f Format, m *Message) []Finding {
	c := &checker{v: v, format: f, msg: m, now: v.opts.Now()}
	c.version()
	c.header()
	if v.opts.Signature != nil {
		c.out = append(c.out, v.opts.Signature.CheckSignature(data, f, m)...)
	}
	c.actions()
	c.objects()
	c.links()
	c.attachments()
	// Last, and only for an otherwise acceptable message, so that a refused message
	// never claims a transaction identifier.
	c.replay()
	return c.out
}
