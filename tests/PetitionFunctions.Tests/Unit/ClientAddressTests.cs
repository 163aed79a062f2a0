using System.Net;
using PetitionFunctions.Intake;

namespace PetitionFunctions.Tests.Unit;

public class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7:51234", "203.0.113.7")]
    [InlineData("10.0.0.1, 198.51.100.2", "198.51.100.2")]
    [InlineData("forged, 1.2.3.4 ,203.0.113.7:443", "203.0.113.7")]
    [InlineData("[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::")]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("1.2.3.4, ", "1.2.3.4")]
    public void The_rightmost_forwarded_entry_is_believed_without_its_port(string forwardedFor, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), ClientAddress.From(forwardedFor, IPAddress.Loopback));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_a_forwarded_header_the_connection_address_is_used(string? forwardedFor) =>
        Assert.Equal(IPAddress.Parse("198.51.100.9"), ClientAddress.From(forwardedFor, IPAddress.Parse("198.51.100.9")));

    [Theory]
    [InlineData("1.2.3.4, not-an-address")]
    [InlineData("[2001:db8::1")]
    public void An_unreadable_last_entry_gives_no_address_rather_than_an_earlier_one_a_client_could_forge(string forwardedFor) =>
        Assert.Null(ClientAddress.From(forwardedFor, IPAddress.Loopback));
}
