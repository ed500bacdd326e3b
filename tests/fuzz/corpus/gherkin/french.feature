# language: fr
Fonctionnalité: t
  Scénario: s
    Soit été
