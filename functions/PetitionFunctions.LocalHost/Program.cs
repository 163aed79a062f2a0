using PetitionFunctions.LocalHost;

return await LocalRun.MainAsync(args);
