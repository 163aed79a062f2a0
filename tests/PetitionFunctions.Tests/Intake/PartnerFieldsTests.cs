using System.Text.Json;
using PetitionFunctions.Intake;

namespace PetitionFunctions.Tests.Intake;

/// <summary>The OSDI fields a partner's system sends about its own records: action_date and identifiers.</summary>
public class PartnerFieldsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-12-05T11:02:15Z", "2026-12-05T11:02:15Z")]
    [InlineData("2026-12-04T18:00:00-05:00", "2026-12-04T23:00:00Z")]
    [InlineData(" 2026-06-01T09:00:00+02:00 ", "2026-06-01T07:00:00Z")]
    [InlineData("2026-12-05T12:04:00Z", "2026-12-05T12:04:00Z")]
    public void A_plausible_action_date_is_the_signing_time_in_UTC(string sent, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ActionDates.Plausible(sent, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2014-03-18T11:02:15Z")] // the OSDI example's date: years before any campaign here
    [InlineData("2026-12-05T12:06:00Z")] // beyond the clock skew allowed
    [InlineData("2027-01-01T00:00:00Z")]
    [InlineData("2026-12-05T11:00:00")] // no offset: which zone is unknown
    [InlineData("yesterday")]
    [InlineData("2026-13-45T11:00:00Z")]
    public void An_implausible_or_unreadable_action_date_is_left_out(string? sent)
    {
        Assert.Null(ActionDates.Plausible(sent, Now));
    }

    [Fact]
    public void Identifiers_keep_the_partner_s_system_id_strings_and_drop_the_rest()
    {
        using var body = JsonDocument.Parse("""
            {"identifiers": ["action_network:3f1c", "  civicrm:42  ", "action_network:3f1c", "no-colon", ":no-system", "system:",
                             "petitionfunctions:abc", "PetitionFunctions:abc", 7, null, {"id": 1}, "bad system:1", "line:a\nb"]}
            """);

        Assert.Equal(["action_network:3f1c", "civicrm:42"], ForeignIdentifiers.From(body.RootElement));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"identifiers": "action_network:1"}""")]
    [InlineData("""{"identifiers": null}""")]
    public void Identifiers_that_are_absent_or_not_a_list_are_none(string json)
    {
        using var body = JsonDocument.Parse(json);
        Assert.Empty(ForeignIdentifiers.From(body.RootElement));
    }

    [Fact]
    public void At_most_ten_identifiers_of_at_most_two_hundred_characters_are_kept()
    {
        var many = Enumerable.Range(1, 12).Select(i => $"\"crm:{i}\"").Append($"\"crm:{new string('x', 200)}\"");
        using var body = JsonDocument.Parse($$"""{"identifiers": [{{string.Join(",", many)}}]}""");

        var kept = ForeignIdentifiers.From(body.RootElement);

        Assert.Equal(ForeignIdentifiers.MaxCount, kept.Count);
        Assert.All(kept, identifier => Assert.True(identifier.Length <= ForeignIdentifiers.MaxLength));
    }
}
