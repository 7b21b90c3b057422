// Content-coding negotiation: when Accept-Encoding allows a gzip body — q-values (q=0 refuses),
// "*", identity-only requests, case, whitespace and malformed values.
#include <catch2/catch.hpp>

#include <string>

#include "http/accept_encoding.hpp"

using namespace dateline::server;

TEST_CASE("gzip is chosen only when Accept-Encoding allows it", "[accept_encoding]") {
    const auto [header, gzip] = GENERATE(table<std::string, bool>({
        {"gzip", true},
        {"gzip, deflate, br", true},
        {"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
        {"GZIP", true},
        {"x-gzip", true},
        {" deflate ,  gzip ; q=0.5 ", true},
        {"gzip;Q=1", true},
        {"gzip;q=0.001", true},
        {"*", true},
        {"*;q=0.5", true},
        {"", false},
        {"identity", false},
        {"deflate, br", false},
        {"gzip;q=0", false},
        {"gzip;q=0.0", false},
        {"gzip;q=0.000", false},
        {"gzip; q=0, *", false},  // refused by name: "*" covers only codings not listed
        {"*;q=0", false},
        {"identity, *;q=0", false},
        {"gzip;q=2", false},       // not a qvalue: identity is the safe answer
        {"gzip;q=0.0001", false},  // at most three decimals
        {"gzip;q=", false},
        {"gzip;q=abc", false},
        {"gzipx", false},
        {",,,", false},
        {"gzip;level=9", true},  // other parameters are ignored
    }));
    CAPTURE(header);
    CHECK(accepts_gzip(header) == gzip);
}
