using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;

namespace PetitionFunctions.Tests.Common;

public sealed class HtmlLayoutTests
{
    [Theory]
    [InlineData(Language.En, "en")]
    [InlineData(Language.Es, "es")]
    public void The_document_sets_the_language_and_encodes_the_title(Language language, string code)
    {
        var html = HtmlLayout.Document(language, "Ana <script>\"&'", "<p>body</p>", HtmlShell.Email);

        Assert.StartsWith($"<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">", html);
        Assert.Contains("<title>Ana &lt;script&gt;&quot;&amp;&#x27;</title>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains($"<body style=\"{HtmlShell.Email.BodyStyle}\"><p>body</p></body></html>", html);
    }

    [Fact]
    public void Pages_and_emails_are_phone_sized_and_only_pages_say_noindex()
    {
        var page = HtmlLayout.Document(Language.En, "T", "", HtmlShell.Page);
        var email = HtmlLayout.Document(Language.En, "T", "", HtmlShell.Email);

        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", page);
        Assert.Contains("<meta name=\"viewport\"", page);
        Assert.Contains("<meta name=\"viewport\"", email);
        Assert.DoesNotContain("robots", email);
        Assert.Contains("max-width:560px", email);
        Assert.Contains("max-width:640px", HtmlLayout.Document(Language.En, "T", "", HtmlShell.WideEmail));
    }

    [Fact]
    public void The_pieces_encode_what_they_are_given_and_keep_letters_readable()
    {
        Assert.Equal("<p>&lt;b&gt;venció&lt;/b&gt;</p>", HtmlLayout.Paragraph("<b>venció</b>"));
        Assert.Equal("<p>a</p><p>&amp;</p>", HtmlLayout.Paragraphs(["a", "&"]));
        Assert.Equal("<p style=\"font-size:13px;color:#555;overflow-wrap:anywhere;word-break:break-word\">&lt;i&gt;</p>", HtmlLayout.SmallPrint("<i>"));
        var button = HtmlLayout.ButtonLink(new Uri("https://app.example/api/confirm/a?x=1&y=\"2\""), "Go <now>", HtmlLayout.ConfirmColour);
        Assert.Contains("href=\"https://app.example/api/confirm/a?x=1&amp;y=%222%22\"", button);
        Assert.Contains(">Go &lt;now&gt;</a>", button);
    }

    [Theory]
    [InlineData(Language.En, "en", "Please try again in a moment")]
    [InlineData(Language.Es, "es", "Inténtelo de nuevo en un momento")]
    public async Task A_page_keeps_its_strict_headers_language_and_words(Language language, string code, string heading)
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();

        await ConfirmPages.TryAgainLater(language).ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));

        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            http.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
        Assert.Equal("no-referrer", http.Response.Headers["Referrer-Policy"].ToString());
        http.Response.Body.Position = 0;
        var html = await new StreamReader(http.Response.Body).ReadToEndAsync();
        Assert.StartsWith($"<!DOCTYPE html><html lang=\"{code}\">", html);
        Assert.Contains($"<title>{heading}</title>", html);
        Assert.Contains($"<h1 style=\"font-size:1.5em\">{heading}</h1>", html);
    }

    [Fact]
    public async Task A_withdraw_page_s_button_posts_back_to_the_encoded_link_with_its_language()
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();

        await WithdrawPages.For(new WithdrawOutcome.Held(Language.Es), "/api/withdraw/a\"b", ConfirmationMessages.WithdrawPage)
            .ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));

        http.Response.Body.Position = 0;
        var html = await new StreamReader(http.Response.Body).ReadToEndAsync();
        Assert.Contains("<form method=\"post\" action=\"/api/withdraw/a&quot;b?lang=es\">", html);
        Assert.Contains(ConfirmationMessages.WithdrawPage.Button.Es, html);
        Assert.Contains("<title>¿Retirar su firma?</title>", html);
    }
}
