package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestRegularFiles lists a folder named by many arguments once, and leaves to os.Stat
// every argument its listing does not show as a regular file: collectInputs must give the
// inputs and errors it gives without the listing.
func TestRegularFiles(t *testing.T) {
	dir := t.TempDir()
	var args []string
	for i := range minSharedFolder {
		p := filepath.Join(dir, fmt.Sprintf("%02d.xml", i))
		if err := os.WriteFile(p, []byte("<a/>"), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "in.xml"), []byte("<a/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.xml")
	if err := os.Symlink(args[0], link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	missing := filepath.Join(dir, "missing.xml")
	args = append(args, sub, link, missing, dir+string(filepath.Separator)+string(filepath.Separator)+"00.xml")

	// The last argument names a file of the folder spelt differently ("dir//00.xml"): it is
	// alone in its group, so it is stat'ed.
	regular := regularFiles(args)
	for i, a := range args {
		want := i < minSharedFolder
		if regular[a] != want {
			t.Errorf("regularFiles[%q] = %v, want %v", a, regular[a], want)
		}
	}
	if few := regularFiles(args[:minSharedFolder-1]); len(few) != 0 {
		t.Errorf("%d arguments in one folder were listed, fewer than %d", len(few), minSharedFolder)
	}

	ins, errs := collectInputs(args, isXMLFile)
	var got []string
	for _, in := range ins {
		got = append(got, in.path)
	}
	want := append(slices.Clone(args[:minSharedFolder]), filepath.Join(sub, "in.xml"), link, args[len(args)-1])
	if !slices.Equal(got, want) {
		t.Errorf("inputs\n%q\nwant\n%q", got, want)
	}
	if len(errs) != 1 || !os.IsNotExist(errs[0]) {
		t.Errorf("errors %v, want the missing file's", errs)
	}
}
