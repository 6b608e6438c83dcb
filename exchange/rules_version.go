package exchange

// supportedProfiles lists the profiles (ProfileOwner, ProfileVersion) this package
// validates. A national profile that extends jcx through dictionaries and Extension
// elements keeps the jcx profile; one that changes rules is added here with its own rules.
var supportedProfiles = map[[2]string]bool{
	{ProfileOwner, ProfileVersion}: true,
}

// version checks Header.Version (3021): the specification version must be the one this
// package speaks and the profile one it knows. Each member is reported on its own, so a
// sender learns every mismatch at once.
func (c *checker) version() {
	v := c.msg.Header.Version
	p := Path{}.Child("Header").Child("Version")
	if v.SpecificationVersion != SpecificationVersion {
		c.add(CodeVersion, p.Child("SpecificationVersion"),
			"specification version %q is not supported; this endpoint speaks %s", v.SpecificationVersion, SpecificationVersion)
	}
	if !supportedProfiles[[2]string{v.ProfileOwner, v.ProfileVersion}] {
		if v.ProfileOwner != ProfileOwner {
			c.add(CodeVersion, p.Child("ProfileOwner"),
				"profile owner %q is not supported; want %q", v.ProfileOwner, ProfileOwner)
		} else {
			c.add(CodeVersion, p.Child("ProfileVersion"),
				"profile version %q of %q is not supported; want %q", v.ProfileVersion, v.ProfileOwner, ProfileVersion)
		}
	}
}
