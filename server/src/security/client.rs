//! Who the client is, for rate limits: the socket peer, or, when that peer
//! is one of the operator's named proxies, the rightmost `X-Forwarded-For`
//! address that is not a trusted proxy. Entries to the left of it were
//! written by the client and prove nothing; the proxy appends the address it
//! saw. The key is a parsed address, so its length is bounded; an IPv6 client
//! is keyed by its /64, the block one subscriber usually holds.

use app::platform::ClientKey;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// One address or a CIDR range, as written in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    network: IpAddr,
    prefix: u8,
}

impl IpRange {
    /// `10.0.0.0/8`, `192.0.2.7`, `2001:db8::/32` or `::1`.
    pub fn parse(text: &str) -> Result<IpRange, String> {
        let text = text.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let network: IpAddr = address
            .parse()
            .map_err(|_| format!("not an IP address: {text}"))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("not a prefix length: {text}"))?,
        };
        Ok(IpRange {
            network: masked(network, prefix),
            prefix,
        })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        ip.is_ipv4() == self.network.is_ipv4() && masked(ip, self.prefix) == self.network
    }
}

/// The proxies whose `X-Forwarded-For` is believed (none by default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpRange>);

impl TrustedProxies {
    /// A comma-separated list of addresses and ranges; empty for none.
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        text.split(',')
            .filter(|part| !part.trim().is_empty())
            .map(IpRange::parse)
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|range| range.contains(ip))
    }

    /// The rate-limit key of the client behind `peer`.
    pub fn client_key(&self, peer: SocketAddr, headers: &HeaderMap) -> String {
        key(self.client(peer.ip(), headers))
    }

    fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        // Every X-Forwarded-For header, in order, as one list.
        let entries: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for entry in entries.iter().rev() {
            match parse_entry(entry) {
                Some(ip) if self.trusts(ip) => client = ip,
                Some(ip) => return ip,
                // Something a trusted proxy would not write: stop at the
                // last hop that is known.
                None => return client,
            }
        }
        client
    }
}

/// An `X-Forwarded-For` entry: an address, possibly with a port
/// (`192.0.2.1:4711`, `[2001:db8::1]:4711`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    if let Ok(ip) = entry.parse() {
        return Some(ip);
    }
    if let Ok(socket) = entry.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    entry
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|inner| inner.parse().ok())
}

/// IPv4 addresses carried in IPv6 (`::ffff:192.0.2.1`) count as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

fn masked(ip: IpAddr, prefix: u8) -> IpAddr {
    match canonical(ip) {
        IpAddr::V4(v4) => {
            let bits = u32::from(v4);
            let mask = if prefix == 0 {
                0
            } else {
                u32::MAX << (32 - u32::from(prefix.min(32)))
            };
            IpAddr::V4((bits & mask).into())
        }
        IpAddr::V6(v6) => {
            let bits = u128::from(v6);
            let mask = if prefix == 0 {
                0
            } else {
                u128::MAX << (128 - u32::from(prefix.min(128)))
            };
            IpAddr::V6((bits & mask).into())
        }
    }
}

fn key(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        v6 => format!("{}/64", masked(v6, 64)),
    }
}

/// Works out once who the client is (see `TrustedProxies`) and hands the
/// key to every handler downstream as `ClientKey`.
pub async fn resolve_client(
    State(proxies): State<Arc<TrustedProxies>>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| *peer);
    if let Some(peer) = peer {
        let key = proxies.client_key(peer, request.headers());
        request.extensions_mut().insert(ClientKey(key));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in xff {
            headers.append("x-forwarded-for", value.parse().unwrap());
        }
        headers
    }

    fn peer(ip: &str) -> SocketAddr {
        SocketAddr::new(ip.parse().unwrap(), 40_000)
    }

    #[test]
    fn ranges_parse_and_match() {
        let range = IpRange::parse("10.0.0.0/8").unwrap();
        assert!(range.contains("10.200.3.4".parse().unwrap()));
        assert!(!range.contains("11.0.0.1".parse().unwrap()));
        assert!(range.contains("::ffff:10.1.1.1".parse().unwrap()));
        let one = IpRange::parse(" 192.0.2.7 ").unwrap();
        assert!(one.contains("192.0.2.7".parse().unwrap()));
        assert!(!one.contains("192.0.2.8".parse().unwrap()));
        let v6 = IpRange::parse("2001:db8::/32").unwrap();
        assert!(v6.contains("2001:db8:ffff::1".parse().unwrap()));
        assert!(!v6.contains("10.0.0.1".parse().unwrap()));
        for bad in [
            "",
            "proxy.example.org",
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/x",
        ] {
            assert!(IpRange::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            TrustedProxies::parse("").unwrap(),
            TrustedProxies::default()
        );
        assert!(TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").is_ok());
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = TrustedProxies::default();
        let key = none.client_key(peer("203.0.113.9"), &headers(&["198.51.100.1"]));
        assert_eq!(key, "203.0.113.9");
    }

    #[test]
    fn the_client_is_the_rightmost_untrusted_entry() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let from = |xff: &[&str]| proxies.client_key(peer("127.0.0.1"), &headers(xff));
        // What the client wrote itself (left) does not count.
        assert_eq!(from(&["1.2.3.4, 198.51.100.7"]), "198.51.100.7");
        assert_eq!(from(&["evil, 198.51.100.7, 10.0.0.2"]), "198.51.100.7");
        // Several headers are one list.
        assert_eq!(from(&["1.2.3.4", "198.51.100.7"]), "198.51.100.7");
        assert_eq!(from(&["198.51.100.7:51234"]), "198.51.100.7");
        assert_eq!(from(&["[2001:db8::5]:443"]), "2001:db8::/64");
        // Garbage where the proxy writes: the last known hop.
        assert_eq!(from(&["198.51.100.7, garbage"]), "127.0.0.1");
        assert_eq!(from(&["198.51.100.7, garbage, 10.0.0.3"]), "10.0.0.3");
        // No header: the proxy itself.
        assert_eq!(from(&[]), "127.0.0.1");
        // An untrusted peer's header is not read.
        let direct = proxies.client_key(peer("203.0.113.9"), &headers(&["198.51.100.7"]));
        assert_eq!(direct, "203.0.113.9");
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_block_and_keys_stay_short() {
        let none = TrustedProxies::default();
        let a = none.client_key(peer("2001:db8:1:2:aaaa::1"), &HeaderMap::new());
        let b = none.client_key(peer("2001:db8:1:2:bbbb::9"), &HeaderMap::new());
        assert_eq!(a, b);
        assert_eq!(a, "2001:db8:1:2::/64");
        let mapped = none.client_key(peer("::ffff:192.0.2.1"), &HeaderMap::new());
        assert_eq!(mapped, "192.0.2.1");
        let proxies = TrustedProxies::parse("127.0.0.1").unwrap();
        let long = format!("{}, 198.51.100.7", "9".repeat(10_000));
        let key = proxies.client_key(peer("127.0.0.1"), &headers(&[&long]));
        assert!(key.len() <= 43, "{key}");
    }
}
