package exchangelog

import (
	"os"
	"path/filepath"
)

// durableWriter writes files so that, once sync returns, each is on disk under its final
// name or not there at all: every file goes to a temporary name, is fsynced, and is
// renamed over its final name; then every directory that gained a name is fsynced, so
// the renames themselves survive a crash.
type durableWriter struct {
	root string
	dirs map[string]bool
}

func newDurableWriter(root string) *durableWriter {
	return &durableWriter{root: root, dirs: make(map[string]bool)}
}

// write places data at rel (a slash-separated path under root).
func (w *durableWriter) write(rel string, data []byte) error {
	name := filepath.Join(w.root, filepath.FromSlash(rel))
	dir := filepath.Dir(name)
	if err := w.mkdirAll(dir); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	w.dirs[dir] = true
	return nil
}

// mkdirAll creates dir and its missing parents, and marks each parent of a created
// directory for fsync.
func (w *durableWriter) mkdirAll(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := w.mkdirAll(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !os.IsExist(err) {
		return err
	}
	w.dirs[filepath.Dir(dir)] = true
	return nil
}

// sync fsyncs every directory that gained an entry since the last sync.
func (w *durableWriter) sync() error {
	for dir := range w.dirs {
		if err := syncDir(dir); err != nil {
			return err
		}
		delete(w.dirs, dir)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
