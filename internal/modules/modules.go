// Package modules checks how the repository's Go modules fit together:
// the receiver is a module of its own, so that its database driver never
// reaches those who depend on hookgen or import its generated packages.
package modules
