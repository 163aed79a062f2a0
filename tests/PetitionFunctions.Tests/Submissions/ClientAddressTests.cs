using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Tests.Submissions;

public class ClientAddressTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("198.51.100.9");

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData(" 203.0.113.7 ", "203.0.113.7")]
    [InlineData("203.0.113.7:51234", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::")]
    [InlineData("[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::")]
    [InlineData("[2001:db8:1:2::9]", "2001:db8:1:2::")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("[::ffff:203.0.113.7]:443", "203.0.113.7")]
    public void A_readable_trusted_header_value_is_the_address_without_its_port_and_the_remote_address_is_not_used(string trusted, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), ClientAddress.From(trusted, Remote));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("not-an-address")]
    [InlineData("[2001:db8::1")]
    [InlineData("203.0.113.7, 198.51.100.2")]
    [InlineData("999.1.1.1")]
    public void Without_a_readable_trusted_header_value_the_remote_address_is_used(string? trusted) =>
        Assert.Equal(Remote, ClientAddress.From(trusted, Remote));

    [Theory]
    [InlineData("127.0.0.5", "127.0.0.5")]
    [InlineData("::ffff:127.0.0.5", "127.0.0.5")]
    [InlineData("2001:db8:7:8:1:2:3:4", "2001:db8:7:8::")]
    [InlineData("::1", "::")]
    public void The_remote_address_is_normalised_as_the_rate_limits_key_it(string remote, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), ClientAddress.From(null, IPAddress.Parse(remote)));

    [Fact]
    public void With_neither_a_trusted_value_nor_a_remote_address_there_is_no_address()
    {
        Assert.Null(ClientAddress.From(null, null));
        Assert.Null(ClientAddress.From("not-an-address", null));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7:8080", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::")]
    [InlineData("[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    public void Parse_reads_one_address_in_the_form_the_limits_key_on(string entry, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), ClientAddress.Parse(entry));

    [Theory]
    [InlineData("")]
    [InlineData("forged")]
    [InlineData("[2001:db8::1")]
    [InlineData("10.0.0.1, 203.0.113.7")]
    public void Parse_gives_nothing_for_anything_but_one_address(string entry) =>
        Assert.Null(ClientAddress.Parse(entry));

    private static HttpRequest Request(IPAddress remote, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = remote;
        foreach (var (name, value) in headers) context.Request.Headers[name] = value;
        return context.Request;
    }

    private static Requesters Requesters(string? trustedHeader) =>
        new(Options.Create(new ClientAddressOptions { TrustedHeader = trustedHeader }));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_configured_trusted_header_only_the_remote_address_counts_whatever_headers_the_client_sends(string? trustedHeader)
    {
        var request = Request(IPAddress.Parse("::ffff:198.51.100.9"),
            ("X-Forwarded-For", "203.0.113.7"), ("X-Azure-ClientIP", "203.0.113.8"), ("X-Real-IP", "203.0.113.9"));

        Assert.Equal(Remote, Requesters(trustedHeader).Of(request).Address);
    }

    [Fact]
    public void A_configured_trusted_header_is_believed_and_X_Forwarded_For_still_is_not()
    {
        var requesters = Requesters("X-Azure-ClientIP");

        var behindFrontDoor = Request(Remote, ("X-Azure-ClientIP", "203.0.113.8:50123"), ("X-Forwarded-For", "203.0.113.7"));
        Assert.Equal(IPAddress.Parse("203.0.113.8"), requesters.Of(behindFrontDoor).Address);

        // Without the header (or with nothing readable in it), the remote address, never X-Forwarded-For.
        Assert.Equal(Remote, requesters.Of(Request(Remote, ("X-Forwarded-For", "203.0.113.7"))).Address);
        Assert.Equal(Remote, requesters.Of(Request(Remote, ("X-Azure-ClientIP", "unknown"), ("X-Forwarded-For", "203.0.113.7"))).Address);
    }

    [Fact]
    public void The_requester_also_carries_the_origin_and_the_strict_limits_request()
    {
        var requester = Requesters(null).Of(Request(Remote, ("Origin", "https://partner.example"), (Requester.StrictRateLimitsHeader, " 429 ")));

        Assert.Equal(new Requester("https://partner.example", Remote, WantsStrictRateLimits: true), requester);
        Assert.False(Requesters(null).Of(Request(Remote)).WantsStrictRateLimits);
        Assert.Null(Requesters(null).Of(Request(Remote)).Origin);
    }
}
