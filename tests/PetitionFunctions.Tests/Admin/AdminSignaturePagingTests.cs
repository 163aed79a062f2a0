using System.Globalization;
using PetitionFunctions.Access;
using PetitionFunctions.Admin;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Tests.Admin;

public class AdminSignaturePagingTests
{
    [Theory]
    // records, per page, page → total pages, skip, take, next, previous
    [InlineData(30, 25, 1, 2, 0, 25, 2, null)]
    [InlineData(30, 25, 2, 2, 25, 5, null, 1)]
    [InlineData(25, 25, 1, 1, 0, 25, null, null)]
    [InlineData(26, 25, 2, 2, 25, 1, null, 1)]
    [InlineData(0, 25, 1, 1, 0, 0, null, null)]
    [InlineData(7, 3, 2, 3, 3, 3, 3, 1)]
    [InlineData(30, 25, 5, 2, 100, 0, null, 2)]
    public void A_page_holds_its_slice_and_links_to_its_neighbours(
        int records, int perPage, int page, int totalPages, long skip, int take, int? next, int? previous)
    {
        var window = new PageWindow(page, perPage, records);

        Assert.Equal(totalPages, window.TotalPages);
        Assert.Equal(skip, window.Skip);
        Assert.Equal(take, window.Take);
        Assert.Equal(next, window.NextPage);
        Assert.Equal(previous, window.PreviousPage);
    }

    [Fact]
    public void A_far_page_does_not_overflow()
    {
        var window = new PageWindow(int.MaxValue, 25, int.MaxValue);

        Assert.Equal((int.MaxValue - 1L) * 25, window.Skip);
        Assert.Equal(0, window.Take);
        Assert.Equal(85_899_346, window.TotalPages);
        Assert.Equal(85_899_346, window.PreviousPage);
    }

    [Fact]
    public void The_query_defaults_to_the_first_page_of_25()
    {
        var (query, errors) = SignatureQuery.Parse(null, null, null, null);

        Assert.True(errors.IsEmpty);
        Assert.Equal(new SignatureQuery(1, 25, null, null), query);
    }

    [Theory]
    [InlineData("26", 25)]
    [InlineData("1000", 25)]
    [InlineData("10", 10)]
    [InlineData("1", 1)]
    public void Per_page_is_capped_at_25(string perPage, int expected) =>
        Assert.Equal(expected, SignatureQuery.Parse("2", perPage, null, null).Query!.PerPage);

    [Theory]
    [InlineData("0", null)]
    [InlineData("-1", null)]
    [InlineData("1.5", null)]
    [InlineData("two", null)]
    [InlineData("99999999999", null)]
    [InlineData(null, "0")]
    [InlineData(null, "x")]
    public void Page_and_per_page_are_whole_numbers_from_one(string? page, string? perPage)
    {
        var (query, errors) = SignatureQuery.Parse(page, perPage, null, null);

        Assert.Null(query);
        var field = page is null ? "per_page" : "page";
        Assert.Equal(AdminMessages.InvalidPage.In(Language.En), errors.In(Language.En)[field].Single());
        Assert.Equal(AdminMessages.InvalidPage.In(Language.Es), errors.In(Language.Es)[field].Single());
    }

    [Theory]
    [InlineData("confirmed", SignatureState.Confirmed)]
    [InlineData("Unconfirmed", SignatureState.Unconfirmed)]
    [InlineData("INVALIDATED", SignatureState.Invalidated)]
    public void The_state_filter_names_a_signature_state(string state, SignatureState expected) =>
        Assert.Equal(expected, SignatureQuery.Parse(null, null, state, null).Query!.State);

    [Theory]
    [InlineData("deleted")]
    [InlineData("1")]
    public void An_unknown_state_is_refused_in_both_languages(string state)
    {
        var errors = SignatureQuery.Parse(null, null, state, null).Errors;

        Assert.Equal(AdminMessages.InvalidSignatureState.In(Language.En), errors.In(Language.En)["state"].Single());
        Assert.Equal(AdminMessages.InvalidSignatureState.In(Language.Es), errors.In(Language.Es)["state"].Single());
    }

    [Theory]
    [InlineData("2026-01-31T00:00:00Z", "2026-01-31T00:00:00+00:00")]
    [InlineData("2026-01-31T08:30:00+05:30", "2026-01-31T03:00:00+00:00")]
    [InlineData("2026-01-31T00:00:00.1234567Z", "2026-01-31T00:00:00.1234567+00:00")]
    public void Modified_since_is_an_ISO_time_with_its_offset(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), SignatureQuery.Parse(null, null, null, text).Query!.ModifiedSince);

    [Theory]
    [InlineData("2026-01-31")]
    [InlineData("2026-01-31T00:00:00")]
    [InlineData("yesterday")]
    public void Modified_since_without_an_offset_is_refused_in_both_languages(string text)
    {
        var errors = SignatureQuery.Parse(null, null, null, text).Errors;

        Assert.Equal(AdminMessages.InvalidDateTime.In(Language.En), errors.In(Language.En)["modified_since"].Single());
        Assert.Equal(AdminMessages.InvalidDateTime.In(Language.Es), errors.In(Language.Es)["modified_since"].Single());
    }

    [Fact]
    public void Links_keep_the_filters_in_a_fixed_order()
    {
        var query = new SignatureQuery(1, 10, SignatureState.Confirmed, new DateTimeOffset(2026, 1, 31, 8, 30, 0, TimeSpan.FromHours(5.5)));

        Assert.Equal("?page=3&per_page=10&state=confirmed&modified_since=2026-01-31T03%3A00%3A00Z", query.QueryStringFor(3));
        Assert.Equal("?page=1&per_page=25", new SignatureQuery(4, 25, null, null).QueryStringFor(1));
    }

    [Fact]
    public void The_HAL_page_has_OSDI_counts_and_links_and_leaves_out_absent_neighbours()
    {
        var collection = new Uri("https://petitions.example/api/manage/campaigns/clean-water/signatures");
        var query = new SignatureQuery(2, 25, null, null);

        var page = OsdiSignatures.Page(new PageWindow(2, 25, 30), collection, query, []);
        var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(page, HalJson.Options)).RootElement;

        Assert.Equal(2, json.GetProperty("total_pages").GetInt32());
        Assert.Equal(25, json.GetProperty("per_page").GetInt32());
        Assert.Equal(2, json.GetProperty("page").GetInt32());
        Assert.Equal(30, json.GetProperty("total_records").GetInt32());
        var links = json.GetProperty("_links");
        Assert.Equal(collection.AbsoluteUri + "?page=2&per_page=25", links.GetProperty("self").GetProperty("href").GetString());
        Assert.Equal(collection.AbsoluteUri + "?page=1&per_page=25", links.GetProperty("previous").GetProperty("href").GetString());
        Assert.False(links.TryGetProperty("next", out _));
        Assert.Equal(0, json.GetProperty("_embedded").GetProperty("osdi:signatures").GetArrayLength());
    }
}
