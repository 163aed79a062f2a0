using PetitionFunctions.Campaigns;

namespace PetitionFunctions.LocalHost;

/// <summary>
/// The demo campaigns a local run starts with, modelled on the coalition campaigns against police and
/// immigration-enforcement collaboration: a petition to a governor, sign-on letters from LGBTQ
/// organisations, from 200 organisations to the agency director and from faith leaders, and a
/// bilingual story collection. Addresses use example.org: nothing is ever sent to a real office.
/// </summary>
public static class DemoCampaigns
{
    public static readonly string[] PartnerOrigins = ["http://localhost:8080", "https://partner.example"];

    public static readonly string[] ReturnUrls = ["http://localhost:8080/thank-you", "https://partner.example/thank-you"];

    /// <summary>
    /// Limits for trying things out from one machine: 20 sign-ons a minute from one address, 100 an hour.
    /// A real campaign starts from the defaults (<see cref="RateLimitRule.Defaults"/>), where the second
    /// signer within a minute from one address is stored but flagged, and neither emailed nor counted.
    /// </summary>
    public static readonly IReadOnlyList<RateLimitRule> DemoRateLimits = [new(20, 60), new(100, 3600)];

    public static IReadOnlyList<Campaign> All { get; } =
    [
        new()
        {
            Slug = "governor-end-s-comm",
            Kind = CampaignKind.Petition,
            Title = new("Governor: take New York out of S-Comm", "Gobernador: saque a Nueva York de S-Comm"),
            Description = new(
                "Secure Communities turns every arrest into an immigration check. People stop calling the police, stop "
                + "reporting crimes, and families are split over minor offences. Ask the Governor to rescind the "
                + "agreement that put New York in the program, as Illinois already has.",
                "Secure Communities convierte cada arresto en una revisión migratoria. La gente deja de llamar a la "
                + "policía y de denunciar delitos, y se separan familias por faltas menores. Pida al Gobernador que "
                + "anule el acuerdo que metió a Nueva York en el programa, como ya hizo Illinois."),
            CallToAction = new("Sign the petition", "Firme la petición"),
            Target = new("Office of the Governor of New York", "Governor", "governor-office@example.org"),
            Goal = 2500,
            StretchGoals = [5000, 10000],
            State = CampaignState.Open,
            AllowedOrigins = PartnerOrigins,
            ReturnUrls = ReturnUrls,
            OwnerEmail = "organizers@example.org",
            Coalition = new("New York Coalition to Stop S-Comm", "organizers@example.org", "Campaign desk, (212) 555-0142"),
            RateLimits = DemoRateLimits,
        },
        new()
        {
            Slug = "lgbtq-statement-end-s-comm",
            Kind = CampaignKind.Letter,
            Title = new("LGBTQ organisations call for an end to S-Comm", "Organizaciones LGBTQ piden el fin de S-Comm"),
            Description = new(
                "LGBTQ immigrants, above all youth of colour and survivors of violence, meet police more often and pay "
                + "for it with detention and deportation. National, state and local LGBTQ groups ask the President to "
                + "end S-Comm and every police and immigration collaboration program.",
                "Las personas inmigrantes LGBTQ, sobre todo jóvenes de color y sobrevivientes de violencia, tienen más "
                + "contacto con la policía y lo pagan con detención y deportación. Grupos LGBTQ nacionales, estatales "
                + "y locales piden al Presidente que termine S-Comm y toda colaboración entre policía e inmigración."),
            CallToAction = new("Endorse the statement", "Respalde la declaración"),
            LetterText = new(
                "Dear Mr. President,\n\nWe are LGBTQ organisations from across the country. Our communities include immigrants "
                + "who already face profiling, violence and unsafe detention. When local police act as immigration agents, "
                + "survivors stop calling for help and young people of colour are pushed from a traffic stop into deportation.\n\n"
                + "We ask you to end Secure Communities and every program that turns local police into immigration enforcement.",
                "Estimado señor Presidente:\n\nSomos organizaciones LGBTQ de todo el país. Nuestras comunidades incluyen a personas "
                + "inmigrantes que ya sufren perfilamiento, violencia y detención insegura. Cuando la policía local actúa como "
                + "agente de inmigración, las sobrevivientes dejan de pedir ayuda y jóvenes de color pasan de una parada de "
                + "tránsito a la deportación.\n\nLe pedimos que termine Secure Communities y todo programa que convierta a la "
                + "policía local en agentes de inmigración."),
            Target = new("The White House", "President of the United States", "lgbt-liaison@example.org"),
            Goal = 60,
            State = CampaignState.Open,
            AllowedOrigins = PartnerOrigins,
            ReturnUrls = ReturnUrls,
            OwnerEmail = "queer-coalition@example.org",
            Coalition = new("Queer Coalition Against S-Comm", "queer-coalition@example.org", "Statement coordinators, (415) 555-0117"),
            RateLimits = DemoRateLimits,
        },
        new()
        {
            Slug = "letter-to-ice-director",
            Kind = CampaignKind.Letter,
            Title = new("Suspend S-Comm: reforms are not enough", "Suspendan S-Comm: las reformas no bastan"),
            Description = new(
                "An advisory committee formed without public input, limited to traffic offences and given 45 days cannot "
                + "fix a program built to meet deportation quotas. Civil-rights, immigrant-rights and faith organisations "
                + "ask the Director of ICE to halt it.",
                "Un comité asesor creado sin participación pública, limitado a infracciones de tránsito y con 45 días de "
                + "plazo no puede arreglar un programa hecho para cumplir cuotas de deportación. Organizaciones de derechos "
                + "civiles, de inmigrantes y de fe piden al Director de ICE que lo detenga."),
            CallToAction = new("Add your organisation", "Sume a su organización"),
            LetterText = new(
                "Dear Director,\n\nThe changes announced for Secure Communities leave its core untouched: people are still "
                + "handed to immigration enforcement after any arrest, whether or not they are ever charged. A committee given "
                + "a few weeks and a narrow brief cannot repair that.\n\nWe, the undersigned organisations, ask you to suspend "
                + "the program while its harm to families and to public safety is examined in the open.",
                "Estimado Director:\n\nLos cambios anunciados para Secure Communities dejan intacto su núcleo: las personas "
                + "siguen siendo entregadas a inmigración después de cualquier arresto, se les acuse o no. Un comité con pocas "
                + "semanas y un mandato estrecho no puede corregirlo.\n\nLas organizaciones firmantes le pedimos que suspenda el "
                + "programa mientras su daño a las familias y a la seguridad pública se examina abiertamente."),
            Target = new("U.S. Immigration and Customs Enforcement", "Director", "ice-director@example.org"),
            Goal = 200,
            State = CampaignState.Open,
            AllowedOrigins = PartnerOrigins,
            ReturnUrls = ReturnUrls,
            OwnerEmail = "network@example.org",
            Coalition = new("National Network for Immigrant Rights", "network@example.org", "Policy team, (510) 555-0163"),
            RateLimits = DemoRateLimits,
        },
        new()
        {
            Slug = "faith-leaders-letter",
            Kind = CampaignKind.Letter,
            Title = new("Faith leaders to the Governor: end S-Comm", "Líderes de fe al Gobernador: terminen S-Comm"),
            Description = new(
                "Clergy and lay leaders of every tradition stand with the families in their congregations who live in "
                + "fear of a traffic stop. Add your name and your congregation to the letter to the Governor's office.",
                "Clérigos y líderes laicos de todas las tradiciones acompañan a las familias de sus congregaciones que "
                + "viven con miedo a una parada de tránsito. Sume su nombre y su congregación a la carta a la oficina "
                + "del Gobernador."),
            CallToAction = new("Sign as a faith leader", "Firme como líder de fe"),
            LetterText = new(
                "Dear Governor,\n\nWe serve congregations where parents are afraid to drive their children to school. "
                + "Our traditions teach us to welcome the stranger and protect the family.\n\nWe ask you to withdraw New York "
                + "from Secure Communities, so that no one in our state fears that a call to the police will end in deportation.",
                "Estimado Gobernador:\n\nServimos a congregaciones donde madres y padres temen llevar a sus hijos a la escuela "
                + "en auto. Nuestras tradiciones nos enseñan a acoger al forastero y proteger a la familia.\n\nLe pedimos que "
                + "retire a Nueva York de Secure Communities, para que nadie en nuestro estado tema que una llamada a la policía "
                + "termine en deportación."),
            AllowsIndividualEndorsements = true,
            Target = new("Office of the Governor of New York", "Governor", "governor-office@example.org"),
            Goal = 150,
            State = CampaignState.Open,
            AllowedOrigins = PartnerOrigins,
            ReturnUrls = ReturnUrls,
            OwnerEmail = "interfaith@example.org",
            Coalition = new("New York State Interfaith Network", "interfaith@example.org", "Network office, (518) 555-0129"),
            RateLimits = DemoRateLimits,
        },
        new()
        {
            Slug = "s-comm-stories",
            Kind = CampaignKind.Stories,
            Title = new("Share your story", "Comparta su historia"),
            Description = new(
                "If you or anybody you know was pulled into the deportation system after an encounter with police, "
                + "please tell us what happened. You choose who may read it.",
                "Si usted o alguien que conoce terminó en el sistema de deportación después de un encuentro con la "
                + "policía, cuéntenos qué pasó. Usted decide quién puede leerlo."),
            CallToAction = new("Share your story", "Comparta su historia"),
            Target = new("New York Coalition to Stop S-Comm", "Organisers", "stories@example.org"),
            Goal = 100,
            State = CampaignState.Open,
            AllowedOrigins = PartnerOrigins,
            ReturnUrls = ReturnUrls,
            OwnerEmail = "stories-team@example.org",
            Coalition = new("New York Coalition to Stop S-Comm", "stories-team@example.org", "Story team, (212) 555-0142"),
            RateLimits = DemoRateLimits,
        },
    ];

    /// <summary>Adds the demo campaigns that are missing; one kept from an earlier run keeps its changes.</summary>
    public static async Task SeedAsync(CampaignTable campaigns, CancellationToken cancellationToken)
    {
        foreach (var campaign in All)
            if (await campaigns.FindAsync(campaign.Slug, cancellationToken) is null) await campaigns.SaveAsync(campaign, cancellationToken);
    }
}
