# statuspress in a container, for CI systems without a release binary or GitHub Action:
#
#   docker build -t statuspress .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/site" statuspress build
#
# The first stage builds a static (musl) binary; the image holds only that binary and the CA
# certificates it needs for HTTPS, on an empty base.
FROM rust:1.88-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin statuspress \
 && strip target/release/statuspress \
 && ./target/release/statuspress --version

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /src/target/release/statuspress /usr/local/bin/statuspress
WORKDIR /site
ENTRYPOINT ["/usr/local/bin/statuspress"]
CMD ["build"]
