package exchange

import "strings"

// links checks what objects point at: every AssociatedObject and every Delivery's
// TaskReference.
//
// A link to the object itself, or the same link twice, is an improper value (3007). A
// target carried by the same message is resolved there; if that target was already
// refused by an earlier step, the link fails with it (3018). Any other target is asked of
// Options.Links when set: unknown is 3016, expired or closed 3017. Without a resolver,
// links outside the message are not judged. GET and LIST identifiers are not links: not
// finding them is the answer to the action, not a fault of the message.
func (c *checker) links() {
	ix := c.index()
	here := ix.byID
	refused := c.refusedObjects(ix.objs)
	for _, o := range ix.objs {
		self := o.base.ObjectIdentifier
		seen := map[UUID]bool{}
		for j, id := range o.base.AssociatedObject {
			p := o.path.Item("AssociatedObject", j)
			switch {
			case !id.Valid():
				continue // reported with the object
			case id == self:
				c.add(CodeImproperValue, p, "an object cannot be associated with itself")
				continue
			case seen[id]:
				c.add(CodeImproperValue, p, "object %s is associated twice", id)
				continue
			}
			seen[id] = true
			c.target(p, id, here, refused)
		}
		if o.kind == KindDelivery {
			d := o.obj.Delivery
			p := o.path.Child("TaskReference")
			switch {
			case !d.TaskReference.Valid():
				c.add(CodeImproperValue, p, "task reference %q is not a lowercase UUID", clip(string(d.TaskReference)))
			case d.TaskReference == self:
				c.add(CodeImproperValue, p, "a delivery cannot be the task it delivers for")
			default:
				c.target(p, d.TaskReference, here, refused)
			}
		}
	}
}

// target resolves one link.
func (c *checker) target(p Path, id UUID, here map[UUID]located, refused map[UUID]bool) {
	if _, ok := here[id]; ok {
		if refused[id] {
			c.add(CodeLinkFailed, p, "linked object %s is refused in this message", id)
		}
		return
	}
	r := c.v.opts.Links
	if r == nil {
		return
	}
	switch exists, expired := r.Resolve(id); {
	case !exists:
		c.add(CodeLinkMissing, p, "linked object %s does not exist", id)
	case expired:
		c.add(CodeLinkExpired, p, "linked object %s has expired or is closed", id)
	}
}

// refusedObjects returns the objects that the steps so far found fault with: those with a
// finding at or under their own path. Findings of this step do not count, so that one bad
// link does not cascade through a chain of objects.
func (c *checker) refusedObjects(objs []located) map[UUID]bool {
	out := map[UUID]bool{}
	if len(objs) == 0 {
		return out
	}
	roots := make(map[string]UUID, len(objs))
	for _, o := range objs {
		roots[c.render(o.path)] = o.base.ObjectIdentifier
	}
	// Every object path has the same number of steps (Payload, Request, Action[i], verb,
	// kind) and renders to the same number of "/"-separated segments in both forms, so a
	// finding belongs to an object when its path cut to that many segments is the object's.
	n := strings.Count(c.render(objs[0].path), "/")
	for _, f := range c.out {
		if id, ok := roots[cutSegments(f.Path, n)]; ok {
			out[id] = true
		}
	}
	return out
}

// cutSegments returns the first n "/"-prefixed segments of path.
func cutSegments(path string, n int) string {
	seen := 0
	for i := 0; i < len(path); i++ {
		if path[i] == '/' {
			if seen == n {
				return path[:i]
			}
			seen++
		}
	}
	return path
}
