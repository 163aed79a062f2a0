using PetitionFunctions.Admin;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Admin;

/// <summary>Phone numbers' canonical form, their keys, and the erasure body: an email, a phone number or both.</summary>
public class PersonErasureRequestTests
{
    [Theory]
    [InlineData("+1 (718) 555-0134", "+17185550134")]
    [InlineData("  +1.718.555.0134 ", "+17185550134")]
    [InlineData("(718) 555-0134", "7185550134")]
    [InlineData("718 555 0134", "7185550134")]
    [InlineData("0052 55 1234 5678", "+525512345678")]
    [InlineData("+52 55 1234 5678", "+525512345678")]
    public void A_phone_number_is_reduced_to_its_digits_with_the_international_plus_kept(string typed, string canonical) =>
        Assert.Equal(canonical, PhoneNumbers.Canonical(typed));

    [Theory]
    [InlineData("+1 (718) 555-0134", true)]
    [InlineData("555 0134", true)]
    [InlineData("555-01", false)]
    [InlineData("+1 718 555 0134 0000 0000", false)]
    [InlineData("call me", false)]
    [InlineData("718 555 0134 ext 2", false)]
    [InlineData("+1 (718) 555-0134                   ", false)]
    public void A_phone_number_has_7_to_15_digits_and_only_phone_punctuation(string typed, bool valid) =>
        Assert.Equal(valid, PhoneNumbers.IsValid(typed));

    [Fact]
    public void A_phone_numbers_key_is_keyed_on_its_canonical_form_and_never_equals_an_addresss()
    {
        var keys = new DedupeKeys(TestSecrets.Options(TestSecrets.Valid()));

        Assert.Equal(keys.ForPhone(PhoneNumbers.Canonical("(718) 555-0134")), keys.ForPhone(PhoneNumbers.Canonical("718.555.0134")));
        Assert.NotEqual(keys.ForPhone("+17185550134"), keys.ForPhone("7185550134"));
        Assert.NotEqual(keys.For("+17185550134"), keys.ForPhone("+17185550134"));
    }

    [Theory]
    [InlineData("""{"email":"ana@example.org"}""", "ana@example.org", null)]
    [InlineData("""{"phone":" (718) 555-0134 "}""", null, "(718) 555-0134")]
    [InlineData("""{"email":"ana@example.org","phone":"+1 718 555 0134"}""", "ana@example.org", "+1 718 555 0134")]
    [InlineData("""{"email":null,"phone":"7185550134"}""", null, "7185550134")]
    [InlineData("""{"email":"  ","phone":"7185550134"}""", null, "7185550134")]
    public void An_email_a_phone_number_or_both_make_a_request(string json, string? email, string? phone)
    {
        var (request, errors) = PersonErasure.Parse(json);

        Assert.True(errors.IsEmpty);
        Assert.Equal(new ErasureRequest(email, phone), request);
    }

    [Theory]
    [InlineData("{}", new[] { "email", "phone" })]
    [InlineData("""{"email":"","phone":null}""", new[] { "email", "phone" })]
    [InlineData("""{"phone":"call me"}""", new[] { "phone" })]
    [InlineData("""{"email":"ana@example.org","phone":"555-01"}""", new[] { "phone" })]
    [InlineData("""{"email":"not-an-address","phone":"7185550134"}""", new[] { "email" })]
    [InlineData("""{"email":"nope","phone":"nope"}""", new[] { "email", "phone" })]
    [InlineData("""{"email":42,"phone":["7185550134"]}""", new[] { "email", "phone" })]
    [InlineData("""{"phone":7185550134}""", new[] { "phone" })]
    [InlineData("""["ana@example.org"]""", new[] { "body" })]
    [InlineData("""{"email":""", new[] { "body" })]
    public void A_bad_body_gets_one_error_per_field_and_no_request(string json, string[] fields)
    {
        var (request, errors) = PersonErasure.Parse(json);

        Assert.Null(request);
        Assert.Equal(fields, errors.In(Language.En).Keys.Order());
    }

    [Fact]
    public void Giving_neither_says_so_in_both_languages()
    {
        var (_, errors) = PersonErasure.Parse("{}");

        Assert.Equal("Give an email address, a phone number or both.", errors.In(Language.En)["phone"][0]);
        Assert.StartsWith("Escriba un correo electrónico, un número de teléfono", errors.In(Language.Es)["email"][0]);
    }
}
