// Package costtest holds the adversarial cost suite: a generator of message shapes that
// make a validator work hard for few bytes (wide arrays, deep and wide elements, long
// numbers and names, many attributes and namespaces, floods of findings, in XML and in
// JSON) at any size, and a measurement of what one call costs: process CPU time and the
// peak of the Go heap.
//
// The shapes are what an unauthenticated sender can post; the budget they are held to is
// the one docs/SECURITY.md states for the SDK: any input up to the 16 MiB size limit
// costs at most Budget.CPU of CPU and Budget.Heap of heap in exchange.Validate, and the
// cost grows no faster than the input. The tests of this package hold exchange.Validate
// to it; conformance/refimpl's tests post the same shapes to the reference receiver.
//
// The package lives under internal/ because it is machinery for tests: it imports only
// the standard library and testtool, so that the packages it measures can use it in
// their own tests without a cycle.
package costtest
