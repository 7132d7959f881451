# gonogo's container image: a static (musl) gonogo on Alpine, run as a non-root user.
#
#   docker build -t gonogo .
#   docker run --rm -v "$PWD:/repo" gonogo check            # checks the repository mounted at /repo
#
# Alpine, not a shell-less base: CI systems run their job scripts with the image's shell (the
# GitLab component does), and the component fetches the merge request's target branch with git.
# gonogo itself reads repositories with libgit2 and never runs git. /etc/gitconfig allows every
# safe.directory, so a repository owned by another user (a bind mount, a CI checkout) is read.
# The release workflow (.github/workflows/release.yml) builds and publishes it; see
# docs/installation.md.

ARG RUST_VERSION=1.95
ARG ALPINE_VERSION=3.22

FROM rust:${RUST_VERSION}-alpine${ALPINE_VERSION} AS build
# hadolint ignore=DL3018
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY bench/gen/Cargo.toml bench/gen/Cargo.toml
COPY bench/gen/src bench/gen/src
COPY src src
COPY templates/scaffold templates/scaffold
# The HTML pages' templates, compiled into the binary by askama.
COPY templates/html templates/html
COPY README.md LICENSE ./
# On Alpine the Rust target is musl and links statically: the binary needs no libc at run time.
RUN cargo build --release --locked -p gonogo --bin gonogo \
    && install -D -m 0755 target/release/gonogo /out/gonogo \
    && /out/gonogo --version

FROM alpine:${ALPINE_VERSION}
# git for CI scripts around gonogo (not for gonogo), ca-certificates for their fetches.
# hadolint ignore=DL3018
RUN apk add --no-cache git ca-certificates \
    && adduser -D -u 10001 -h /home/gonogo gonogo
COPY packaging/container/gitconfig /etc/gitconfig
COPY --from=build /out/gonogo /usr/local/bin/gonogo
USER 10001:10001
WORKDIR /repo
ENTRYPOINT ["gonogo"]
CMD ["check"]
