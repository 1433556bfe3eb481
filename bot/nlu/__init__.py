"""Everything the bot knows about Rasa: training data, the Rasa process, the HTTP client, evaluation."""
