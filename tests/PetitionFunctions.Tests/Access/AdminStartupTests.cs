using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Access;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Access;

[Collection(LocalHostCollection.Name)]
public sealed class AdminStartupTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task The_app_refuses_to_start_without_an_entra_id_app_registration()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        foreach (var (key, value) in new Dictionary<string, string?>
                 {
                     ["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString,
                     ["Petitions:DedupeKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray()),
                     ["Petitions:LinkKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()),
                     ["Petitions:ActiveEncryptionKeyId"] = "k",
                     ["Petitions:EncryptionKeys:k"] = Convert.ToBase64String(new byte[32]),
                 })
            builder.Configuration[key] = value;
        builder.Services.AddPetitionFunctions(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AzureAd", failure.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/t/v2.0", "WEBSITE_INSTANCE_ID", "on Azure")]
    [InlineData("http://127.0.0.1:5000/t/v2.0", "WEBSITE_SITE_NAME", "on Azure")]
    [InlineData("https://issuer.example/t/v2.0", null, "on this machine")]
    [InlineData("http://10.0.0.4/t/v2.0", null, "on this machine")]
    [InlineData("not an address", null, "on this machine")]
    public void A_local_token_issuer_is_refused_on_azure_and_anywhere_but_loopback(string authority, string? azureSetting, string reason)
    {
        var settings = new Dictionary<string, string?> { [AdminAuthentication.LocalIssuerSetting] = authority };
        if (azureSetting is not null) settings[azureSetting] = "petitions-prod";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var failure = Assert.Throws<InvalidOperationException>(() => { new ServiceCollection().AddAdminAuthentication(configuration); });

        Assert.Contains(reason, failure.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/t/v2.0")]
    [InlineData("http://localhost:5000/t/v2.0")]
    [InlineData("http://[::1]:5000/t/v2.0")]
    public void A_local_token_issuer_on_loopback_is_accepted_outside_azure(string authority)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [AdminAuthentication.LocalIssuerSetting] = authority }).Build();

        Assert.Equal(new Uri(authority), AdminAuthentication.LocalIssuerAuthority(configuration));
    }
}
