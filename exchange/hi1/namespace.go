package hi1

// The namespaces of ETSI TS 103 120 V1.12.1. Each object type lives in its own namespace;
// the envelope and the members every object shares live in Core.
const (
	NSCore          = "http://uri.etsi.org/03120/common/2019/10/Core"
	NSCommon        = "http://uri.etsi.org/03120/common/2016/02/Common"
	NSTask          = "http://uri.etsi.org/03120/common/2020/09/Task"
	NSAuthorisation = "http://uri.etsi.org/03120/common/2020/09/Authorisation"
	NSDocument      = "http://uri.etsi.org/03120/common/2020/09/Document"
	NSNotification  = "http://uri.etsi.org/03120/common/2016/02/Notification"
	NSDelivery      = "http://uri.etsi.org/03120/common/2019/10/Delivery"
	NSTrafficPolicy = "http://uri.etsi.org/03120/common/2022/07/TrafficPolicy"
	NSXSI           = "http://www.w3.org/2001/XMLSchema-instance"
	NSXMLDSig       = "http://www.w3.org/2000/09/xmldsig#"
	// NSXMLSchema is the namespace of the schema a DeliveryObject's manifest may carry.
	NSXMLSchema = "http://www.w3.org/2001/XMLSchema"
)

// SupportedVersion is the ETSIVersion this package models.
const SupportedVersion = "V1.12.1"

// nsKeys maps the short keys used in the model's struct tags to namespaces. The keys are
// also the prefixes the encoder declares for a namespace the message does not bind yet:
// the ones ETSI's own examples use.
var nsKeys = map[string]string{
	"core":         NSCore,
	"common":       NSCommon,
	"task":         NSTask,
	"auth":         NSAuthorisation,
	"doc":          NSDocument,
	"notification": NSNotification,
	"delivery":     NSDelivery,
	"policy":       NSTrafficPolicy,
	"xsi":          NSXSI,
	"xs":           NSXMLSchema,
	"ds":           NSXMLDSig,
}

// Namespace is one namespace declaration: Prefix "" declares the default namespace.
type Namespace struct {
	Prefix string
	URI    string
}

// DefaultNamespaces are the declarations a message built in Go starts with: Core as the
// default namespace and the usual prefixes, as in ETSI's examples. Namespaces an object
// needs beyond these are declared on the root when the message is encoded.
func DefaultNamespaces() []Namespace {
	return []Namespace{
		{"", NSCore},
		{"xsi", NSXSI},
		{"common", NSCommon},
	}
}
